import FakeSupport

/// A webhook event the deployment accepted, and where its effect stands.
public struct WebhookEvent: Sendable, Hashable, Codable {
    /// Where an event's effect stands.
    public enum State: String, Sendable, Hashable, Codable {
        /// Some job is still waiting or being pushed.
        case queued
        /// Every job reached its CRM.
        case synced
        /// Some job was given up on.
        case deadLettered = "dead_lettered"
    }

    /// `<source>:<id>`, e.g. `hubspot:123`.
    public var id: String
    /// Who sent it.
    public var source: WebhookSource
    /// The CRMs it was pushed to.
    public var providers: [CRMProvider]
    /// Where its effect stands.
    public var state: State
    /// Push attempts made for it so far.
    public var attempts: Int
    /// How often it was replayed.
    public var replays: Int

    enum CodingKeys: String, CodingKey {
        case id, source, providers, state, attempts, replays
    }
}
