/// A finished voice-agent call, as written to a CRM: a call activity on the caller's contact.
public struct CallActivity: Sendable, Hashable, Codable {
    /// Which way the call went.
    public enum Direction: String, Sendable, Hashable, Codable {
        case inbound, outbound
    }

    /// The voice agent's call id.
    public var callID: String
    /// Which way the call went.
    public var direction: Direction
    /// Email of the contact the call belongs to.
    public var contactEmail: String
    /// The other party's phone number.
    public var phone: String
    /// Start, Unix milliseconds.
    public var startedAt: Int64
    /// Length in milliseconds.
    public var durationMilliseconds: Int64
    /// The agent's summary, once `call_analyzed` arrived.
    public var summary: String?

    /// The activity's title in every CRM: `Call <call id>`.
    public var title: String { "Call \(callID)" }
}
