import Hummingbird

extension FakeDeployment {
    /// The deployment's HTTP routes: health, metrics, OAuth, webhooks, imports, calls and admin.
    func buildRouter() -> Router<DeploymentRequestContext> {
        let router = Router(context: DeploymentRequestContext.self)
        router.add(middleware: JSONErrorMiddleware())
        let cors = CORSPolicy<DeploymentRequestContext>(
            allowedOrigin: state.frontendOrigin, preflightAnswer: state.profile.answers.corsPreflight)
        router.add(middleware: cors)
        registerHealthRoutes(on: router)
        registerOAuthRoutes(on: router)
        registerWebhookRoutes(on: router)
        registerImportRoutes(on: router)
        registerCallRoutes(on: router)
        registerAdminRoutes(on: router)
        return router
    }
}
