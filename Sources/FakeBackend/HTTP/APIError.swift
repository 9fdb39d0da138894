import FakeSupport
import Foundation
import Hummingbird

/// An error answered as `{"error": "…"}` with a status code; never a stack trace.
struct APIError: HTTPResponseError {
    let status: HTTPResponse.Status
    let message: String
    /// A stable word for programs, e.g. `invalid_signature`; without one, `error` carries the message.
    let code: String?

    init(_ status: HTTPResponse.Status, _ message: String, code: String? = nil) {
        self.status = status
        self.message = message
        self.code = code
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = code.map { ["error": $0, "message": message] } ?? ["error": message]
        let data = (try? JSONEncoder.sortedKeys.encode(body)) ?? Data(#"{"error":"internal error"}"#.utf8)
        return Response(
            status: status,
            headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: data))
        )
    }

    static func unknownProvider(_ name: String?, status: HTTPResponse.Status = .badRequest) -> APIError {
        let shown = name.map { "\"\($0)\"" } ?? "(none given)"
        return APIError(status, "unknown provider \(shown); use one of \(CRMProvider.namesList)")
    }
}
