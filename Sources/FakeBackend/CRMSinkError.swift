/// A push that the CRM did not accept, with the reason the worker counts it under.
public struct CRMSinkError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Why the push failed; decides which counters move.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable { case rejected, rateLimited, connectionFailed }
        private let base: Base

        /// The provider answered with an error (a 5xx or a validation failure).
        public static let rejected = Code(base: .rejected)
        /// The provider answered 429 Too Many Requests.
        public static let rateLimited = Code(base: .rateLimited)
        /// The provider could not be reached.
        public static let connectionFailed = Code(base: .connectionFailed)

        /// A stable, value-free name for the code.
        public var description: String { base.rawValue }
    }

    /// Why the push failed.
    public let code: Code
    /// A sentence describing the failure.
    public let message: String
    /// How long the CRM asked us to wait (`Retry-After`), if it did.
    public let retryAfter: Duration?

    /// Creates a sink error.
    public init(code: Code, message: String, retryAfter: Duration? = nil) {
        self.code = code
        self.message = message
        self.retryAfter = retryAfter
    }

    /// The message a person reads.
    public var description: String { message }
}
