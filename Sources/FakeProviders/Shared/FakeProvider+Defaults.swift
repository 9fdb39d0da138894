import FakeSupport
import Hummingbird
import ServiceLifecycle

extension FakeProvider {
    /// No credentials to print.
    public var credentials: [(key: String, value: String)] { [] }

    /// No background work.
    public var services: [any Service] { [] }

    /// No webhooks.
    public var webhooks: (any FakeWebhookSource)? { nil }

    /// Search reads the records themselves, so it sees every record at once.
    public var searchIndex: SearchIndex? { nil }

    /// A generic JSON error body: `{"error": "injected fault: 503 Service Unavailable"}`.
    public func faultResponse(status: HTTPResponse.Status, for request: Request) -> Response {
        let body: JSONValue = ["error": .string("injected fault: \(status.code) \(status.reasonPhrase)")]
        return .json(body, status: status)
    }
}

extension Response {
    /// A JSON answer with keys in sorted order.
    public static func json(
        _ value: JSONValue, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]
    ) -> Response {
        var headers = headers
        headers[.contentType] = "application/json;charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: value.jsonBytes)))
    }
}
