import Hummingbird
import Logging

/// Answers every failure in HubSpot's error shape, the router's own 404 included; never a stack trace.
struct HubSpotErrorMiddleware: RouterMiddleware {
    typealias Context = ProviderRequestContext

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HubSpotError {
            return error.response()
        } catch is ConnectionReset {
            throw ConnectionReset()
        } catch let error as HTTPError {
            switch error.status {
            case .notFound:
                return HubSpotError(
                    status: .notFound, category: "OBJECT_NOT_FOUND",
                    message: "No route matches \(request.method) \(request.uri.path).").response()
            case .contentTooLarge:
                return HubSpotError(
                    status: .contentTooLarge, category: "VALIDATION_ERROR", message: "The request body is too large."
                ).response()
            default:
                return HubSpotError(
                    status: error.status, category: "VALIDATION_ERROR",
                    message: error.body ?? error.status.reasonPhrase
                ).response()
            }
        } catch let error as any HTTPResponseError {
            return HubSpotError(status: error.status, category: "VALIDATION_ERROR", message: error.status.reasonPhrase)
                .response()
        } catch {
            context.logger.error("Request failed.", metadata: ["error.type": "\(type(of: error))"])
            return HubSpotError.internalError.response()
        }
    }
}
