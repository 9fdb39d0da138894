import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Sends one webhook request and answers the receiver's HTTP status.
public protocol WebhookTransport: Sendable {
    /// Posts `body` with `headers` to `url`; throws when no HTTP answer came within `timeout`.
    func send(url: String, body: [UInt8], headers: [(String, String)], timeout: Duration) async throws -> Int
}

/// The default transport, over Foundation's URL loading.
public struct URLSessionWebhookTransport: WebhookTransport {
    /// Creates the transport.
    public init() {}

    /// Posts with a fresh ephemeral session, so no cookie or cache leaks between deliveries.
    public func send(url: String, body: [UInt8], headers: [(String, String)], timeout: Duration) async throws -> Int {
        guard let target = URL(string: url) else { throw WebhookTransportError(message: "the target URL is not valid") }
        var request = URLRequest(url: target)
        request.httpMethod = "POST"
        request.httpBody = Data(body)
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) * 1e-18
        request.timeoutInterval = seconds
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = seconds
        let session = URLSession(configuration: configuration)
        defer { session.finishTasksAndInvalidate() }
        let (_, response) = try await session.data(for: request)
        guard let http = response as? HTTPURLResponse else {
            throw WebhookTransportError(message: "the receiver did not answer over HTTP")
        }
        return http.statusCode
    }
}

/// A webhook that got no HTTP answer.
public struct WebhookTransportError: Error, Sendable, CustomStringConvertible {
    /// What happened, as a sentence fragment.
    public let message: String
    /// The message.
    public var description: String { message }
}
