/// Whether a webhook request proved it came from its source.
enum WebhookVerdict: Sendable, Equatable {
    case authentic
    /// The signature or token is missing or wrong.
    case forged(String)
    /// The signature is right but its timestamp is outside the accepted window.
    case stale(String)
}
