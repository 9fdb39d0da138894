import AsyncHTTPClient
import NIOCore
import NIOPosix

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
    /// Any other client-side failure.
    public static let other: Self = "other"

    /// Classifies an error thrown while talking to the target.
    public static func classify(_ error: any Error) -> ErrorClass {
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout, .writeTimeout, .getConnectionFromPoolTimeout:
                return .timeout
            case .connectTimeout, .remoteConnectionClosed, .tlsHandshakeTimeout:
                return .connection
            default:
                return .other
            }
        }
        if error is NIOConnectionError || error is IOError || error is ChannelError {
            return .connection
        }
        return .other
    }
}
