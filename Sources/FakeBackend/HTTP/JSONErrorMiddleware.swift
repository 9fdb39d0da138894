import Hummingbird
import Logging

/// Turns every error, the router's own 404 included, into a JSON error body.
struct JSONErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return try error.response(from: request, context: context)
        } catch let error as HTTPError {
            let message =
                error.body ?? "\(error.status.reasonPhrase.lowercased()): \(request.method) \(request.uri.path)"
            return try APIError(error.status, message).response(from: request, context: context)
        } catch let error as any HTTPResponseError {
            return try APIError(error.status, error.status.reasonPhrase.lowercased()).response(
                from: request, context: context)
        } catch {
            context.logger.error("Request failed.", metadata: ["error.type": "\(type(of: error))"])
            return try APIError(.internalServerError, "internal error").response(from: request, context: context)
        }
    }
}
