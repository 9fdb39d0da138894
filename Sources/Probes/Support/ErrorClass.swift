/// Why a probe attempt failed, as a stable word safe for database columns and report groups.
public struct ErrorClass: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The stable word, e.g. `connection`.
    public let rawValue: String

    /// Wraps a stored word.
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }

    /// The target could not be reached: refused, reset or closed connections.
    public static let connection: Self = "connection"
    /// No answer within the probe's timeout.
    public static let timeout: Self = "timeout"
    /// The target answered with an unexpected HTTP status.
    public static let httpStatus: Self = "http_status"
    /// The body could not be read as expected.
    public static let badBody: Self = "bad_body"
    /// The target answered, but a check on what it said did not hold.
    public static let check: Self = "check"
    /// The target reports its background worker down.
    public static let workerDown: Self = "worker_down"
    /// The target's metrics text is not valid Prometheus exposition format.
    public static let metricsUnparseable: Self = "metrics_unparseable"
    /// The answer's body is larger than a probe reads.
    public static let bodyTooLarge: Self = "body_too_large"
    /// A compressed body that inflates past its limit or is not valid compressed data.
    public static let decompression: Self = "decompression"
    /// The answer's headers are larger than the HTTP parser accepts.
    public static let headerOverflow: Self = "header_overflow"
    /// The answer is not valid HTTP/1.1: a garbage status line, bad chunking, bad header syntax.
    public static let protocolViolation: Self = "protocol"
    /// The connection ended in the middle of the answer.
    public static let truncated: Self = "truncated"
    /// Redirects that go round in a circle or past the hop limit.
    public static let redirectLoop: Self = "redirect_loop"
    /// The TLS handshake failed or the certificate was not accepted.
    public static let tls: Self = "tls"
    /// The host name does not resolve.
    public static let dns: Self = "dns"
    /// The URL the harness built for the target is not a valid URL.
    public static let invalidURL: Self = "invalid_url"
    /// Any other client-side failure; a misbehaviour the harness knows never ends here.
    public static let other: Self = "other"

    /// Classifies an error thrown while talking to the target.
    public static func classify(_ error: any Error) -> ErrorClass { TransportFailure(error).errorClass }
}
