import FakeSupport

/// Reads what a verified webhook asks for: its event id and the CRM work it causes.
struct WebhookEventParser {
    /// One event out of a request body.
    struct Parsed {
        /// Id without the source prefix; nil when the body carries none.
        var id: String?
        var work: [(CRMProvider, SyncWork)]
    }

    /// CRMs a call with `"provider": "auto"` goes to.
    let connectedProviders: [CRMProvider]
    /// Remembers calls so `push-to-crm` can send them again.
    let calls: CallLedger

    /// The events in `body`; throws a sentence for a body that does not fit the source's shape.
    func events(_ body: JSONValue, from source: WebhookSource) throws(WebhookShapeError) -> [Parsed] {
        switch source {
        case .hubspot:
            guard let events = body.array, !events.isEmpty else { throw .init("a HubSpot webhook is a non-empty JSON array of events") }
            return try events.map { event throws(WebhookShapeError) in
                guard let id = Self.text(event["eventId"]), let object = Self.text(event["objectId"]) else {
                    throw .init("each HubSpot event needs eventId and objectId")
                }
                return Parsed(id: id, work: [(.hubspot, .recordChanged(recordID: object))])
            }
        case .zoho:
            guard let ids = body["ids"]?.array?.compactMap(Self.text), let channel = Self.text(body["channel_id"]) else {
                throw .init("a Zoho notification needs ids and channel_id")
            }
            let time = Self.text(body["server_time"]) ?? ""
            return [Parsed(id: "\(channel):\(time):\(ids.joined(separator: ","))", work: ids.map { (.zoho, .recordChanged(recordID: $0)) })]
        case .odoo:
            guard let record = Self.text(body["record_id"]) else { throw .init("an Odoo webhook needs record_id") }
            return [Parsed(id: Self.text(body["event_id"]), work: [(.odoo, .recordChanged(recordID: record))])]
        case .stripe:
            guard let id = body["id"]?.string else { throw .init("a Stripe event needs an id") }
            return [Parsed(id: id, work: [])]
        case .retell:
            return [try callEvent(body)]
        }
    }

    /// `call_ended` and `call_analyzed` become call activities; other call events need no CRM work.
    private func callEvent(_ body: JSONValue) throws(WebhookShapeError) -> Parsed {
        guard let event = body["event"]?.string, let call = body["call"], let callID = call["call_id"]?.string else {
            throw .init("a call event needs event and call.call_id")
        }
        guard event == "call_ended" || event == "call_analyzed" else { return Parsed(id: "\(callID):\(event)", work: []) }
        let metadata = call["metadata"]
        guard let email = metadata?["contact_email"]?.string, email.contains("@") else {
            throw .init("call.metadata.contact_email is required to find the contact")
        }
        let inbound = call["direction"]?.string == "inbound"
        let start = Int64(call["start_timestamp"]?.number ?? 0)
        let activity = CallActivity(
            callID: callID, direction: inbound ? .inbound : .outbound, contactEmail: email,
            phone: (inbound ? call["from_number"] : call["to_number"])?.string ?? "",
            startedAt: start, durationMilliseconds: Int64(call["duration_ms"]?.number ?? 0),
            summary: call["call_analysis"]?["call_summary"]?.string)
        calls.record(activity)
        let wanted = metadata?["provider"]?.string ?? "auto"
        let providers = wanted == "auto" ? connectedProviders : CRMProvider(rawValue: wanted).map { [$0] } ?? []
        guard !providers.isEmpty else { throw .init("call.metadata.provider \"\(wanted)\" names no connected CRM") }
        return Parsed(id: "\(callID):\(event)", work: providers.map { ($0, .callActivity(activity)) })
    }

    private static func text(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let text)?: text.isEmpty ? nil : text
        case .number(let number)?: number == number.rounded() ? String(Int64(number)) : String(number)
        case .integer(let number)?: String(number)
        default: nil
        }
    }
}

/// A webhook body that does not have its source's shape.
struct WebhookShapeError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
