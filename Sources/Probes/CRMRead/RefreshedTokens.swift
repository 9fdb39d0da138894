import Synchronization

/// Access tokens a reader refreshed during the run, shared by every attempt so each refresh is done once.
public final class RefreshedTokens: Sendable {
    private let tokens = Mutex<[String: Secret<String>]>([:])

    public init() {}

    /// The refreshed token for `provider`, if one was fetched.
    public subscript(provider: String) -> Secret<String>? {
        tokens.withLock { $0[provider] }
    }

    /// Keeps `token` as `provider`'s current access token.
    public func store(_ token: Secret<String>, for provider: String) {
        tokens.withLock { $0[provider] = token }
    }

    /// Every refreshed token, for the guard that keeps secrets out of outputs.
    public var all: [Secret<String>] { tokens.withLock { Array($0.values) } }
}
