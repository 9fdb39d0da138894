/// Which signature to produce: the genuine one, or one the backend must refuse.
public enum SignatureVariant: Sendable, CaseIterable {
    /// Signed with the real secret, now.
    case genuine
    /// Signed with a wrong secret.
    case forged
    /// Signed with the real secret ten minutes ago.
    case stale
}

/// A body ready to send, with the headers that sign it.
public struct SignedWebhook: Sendable {
    /// The exact bytes that were signed.
    public var body: [UInt8]
    /// Headers to add to the request.
    public var headers: [(String, String)]
}
