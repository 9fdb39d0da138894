/// A webhook body that can still take a token: Zoho notifications carry their secret inside the body.
public struct WebhookPayload: Sendable {
    /// The event id the backend reports for it, `<source>:<id>`.
    public var eventID: String
    private let render: @Sendable (_ token: String) -> [UInt8]

    /// A payload rendered by `render`, which receives the token (empty when the scheme has none).
    public init(eventID: String, render: @escaping @Sendable (_ token: String) -> [UInt8]) {
        self.eventID = eventID
        self.render = render
    }

    /// A payload whose bytes never change.
    public init(eventID: String, bytes: [UInt8]) {
        self.init(eventID: eventID) { _ in bytes }
    }

    /// The body bytes with `token` in place.
    public func body(token: String) -> [UInt8] { render(token) }
}
