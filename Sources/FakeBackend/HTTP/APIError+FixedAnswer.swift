import Hummingbird
import NIOHTTP1

extension APIError {
    /// What a route the profile breaks answers instead of its work: `status` in the error this deployment
    /// gives an unhandled failure (500, `internal error`) or a route it lacks (e.g. `not found: POST /crm/import`).
    static func fixedAnswer(_ status: Int, to request: Request) -> APIError {
        guard status != 500 else { return APIError(.internalServerError, "internal error") }
        let reason = HTTPResponseStatus(statusCode: status).reasonPhrase.lowercased()
        let message = "\(reason.isEmpty ? "error" : reason): \(request.method) \(request.uri.path)"
        return APIError(HTTPResponse.Status(code: status), message)
    }
}
