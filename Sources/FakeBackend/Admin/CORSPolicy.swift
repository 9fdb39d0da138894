import Hummingbird

/// Lets the frontend's origin call the backend from a browser: preflights answered, simple requests tagged.
struct CORSPolicy<Context: RequestContext>: RouterMiddleware {
    /// The one origin allowed, e.g. `https://app.example.com`; nil allows none.
    let allowedOrigin: String?
    /// The status every preflight answers instead, as a broken release's do; nil answers them.
    var preflightAnswer: Int?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard let origin = request.headers[.origin] else { return try await next(request, context) }
        let allowed = origin == allowedOrigin
        if request.method == .options, request.headers[.accessControlRequestMethod] != nil {
            if let preflightAnswer { throw APIError.fixedAnswer(preflightAnswer, to: request) }
            guard allowed else { return Response(status: .forbidden) }
            return Response(
                status: .noContent,
                headers: [
                    .accessControlAllowOrigin: origin, .vary: "Origin",
                    .accessControlAllowMethods: "GET, POST, PUT, PATCH, DELETE, OPTIONS",
                    .accessControlAllowHeaders: "Authorization, Content-Type",
                    .accessControlAllowCredentials: "true", .accessControlMaxAge: "600",
                ])
        }
        var response = try await next(request, context)
        if allowed {
            response.headers[.accessControlAllowOrigin] = origin
            response.headers[.accessControlAllowCredentials] = "true"
            response.headers[.vary] = "Origin"
        }
        return response
    }
}
