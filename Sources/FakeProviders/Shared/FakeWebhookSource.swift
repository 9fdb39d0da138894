import FakeSupport

/// A provider's outgoing webhooks as the inspection API sees them: subscriptions, triggers, deliveries.
///
/// The routes `GET/POST /__fake/subscriptions`, `DELETE /__fake/subscriptions/{id}`, `POST /__fake/trigger`
/// and `GET /__fake/deliveries` call these; bodies and answers are the provider's own JSON.
public protocol FakeWebhookSource: Sendable {
    /// Every subscription, as JSON.
    func subscriptions() async -> [JSONValue]
    /// Adds a subscription described by `request` and answers it as stored.
    func subscribe(_ request: JSONValue) async throws(FakeWebhookError) -> JSONValue
    /// Removes a subscription; false when none has that id.
    func unsubscribe(id: String) async -> Bool
    /// Sends the events `request` describes now and answers what was queued.
    func trigger(_ request: JSONValue) async throws(FakeWebhookError) -> JSONValue
    /// Every delivery attempt so far, oldest first.
    func deliveries() async -> [JSONValue]
}

/// An inspection request about webhooks that cannot be carried out, with the reason.
public struct FakeWebhookError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, as a sentence.
    public let message: String

    /// Creates an error with a sentence a person can act on.
    public init(_ message: String) {
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
