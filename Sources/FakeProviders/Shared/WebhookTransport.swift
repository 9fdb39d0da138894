import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// Sends one webhook request and answers the receiver's HTTP status.
public protocol WebhookTransport: Sendable {
    /// Posts `body` with `headers` to `url`; throws when no HTTP answer came within `timeout`.
    func send(url: String, body: [UInt8], headers: [(String, String)], timeout: Duration) async throws -> Int
}

/// The default transport, over AsyncHTTPClient: connections to a receiver are kept alive and reused, as a
/// vendor's delivery fleet does, and a redirect is answered as its status, never followed.
public struct HTTPClientWebhookTransport: WebhookTransport {
    /// A client for the life of the process, allowed 32 connections per receiver so a burst of deliveries is
    /// not queued behind AsyncHTTPClient's default of 8. Like `HTTPClient.shared`, it is never shut down.
    public static let sharedClient: HTTPClient = {
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow)
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 32
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()

    /// Largest part of a receiver's answer read; the rest is not needed to know the status.
    static let maxAnswerBytes = 64 << 10

    private let client: HTTPClient

    /// Creates a transport over `client`; a client other than the shared one is shut down by whoever made it.
    public init(client: HTTPClient = Self.sharedClient) {
        self.client = client
    }

    /// Posts and reads the answer, all within `timeout`.
    public func send(url: String, body: [UInt8], headers: [(String, String)], timeout: Duration) async throws -> Int {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(bytes: body))
        let deadline = NIODeadline.now() + TimeAmount(timeout)
        do {
            let response = try await client.execute(request, deadline: deadline)
            _ = try? await response.body.collect(upTo: Self.maxAnswerBytes)
            return Int(response.status.code)
        } catch let error as HTTPClientError where error == .invalidURL || error == .emptyHost {
            throw WebhookTransportError(message: "the target URL is not valid")
        } catch let error as HTTPClientError where error == .deadlineExceeded {
            throw WebhookTransportError(message: "no answer within \(timeout)")
        }
    }
}

extension TimeAmount {
    /// The same span, to the nanosecond; one too long for `TimeAmount` is its longest.
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        let (scaled, tooLong) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        let (total, stillTooLong) = scaled.addingReportingOverflow(attoseconds / 1_000_000_000)
        self = .nanoseconds(tooLong || stillTooLong ? .max : total)
    }
}

/// A webhook that got no HTTP answer.
public struct WebhookTransportError: Error, Sendable, CustomStringConvertible {
    /// What happened, as a sentence fragment.
    public let message: String
    /// The message.
    public var description: String { message }
}
