import Hummingbird

extension FakeDeployment {
    /// The deployment's HTTP routes: health, metrics, OAuth, webhooks, imports, calls and admin.
    func buildRouter() -> Router<DeploymentRequestContext> {
        let router = Router(context: DeploymentRequestContext.self)
        router.add(middleware: JSONErrorMiddleware())
        router.add(middleware: CORSPolicy(allowedOrigin: state.frontendOrigin))
        registerHealthRoutes(on: router)
        registerOAuthRoutes(on: router)
        registerWebhookRoutes(on: router)
        registerImportRoutes(on: router)
        registerCallRoutes(on: router)
        registerAdminRoutes(on: router)
        return router
    }
}
