import FakeSupport
import Foundation
import Logging

/// Posts notification callbacks to channels' `notify_url`s, keeping each URL's own query string.
struct ZohoNotifier: Sendable {
    let timeout: Duration
    let logger: Logger
    var transport: any WebhookTransport = HTTPClientWebhookTransport()

    /// One callback per channel and (module, operation), carrying the ids and the channel's token.
    func notify(changes: [ZohoRecordChange], channels: [ZohoChannel], resourceBase: String) async {
        let groups = Dictionary(grouping: changes) { "\($0.module)|\($0.operation)" }
        for key in groups.keys.sorted() {
            let group = groups[key]!
            let module = group[0].module
            let operation = group[0].operation
            for channel in channels where channel.wants(module: module, operation: operation) {
                let body = Self.body(
                    changes: group, channel: channel, resourceURI: "\(resourceBase)/\(module)")
                await post(body, to: channel.notifyURL)
            }
        }
    }

    /// The callback body Zoho sends.
    static func body(changes: [ZohoRecordChange], channel: ZohoChannel, resourceURI: String) -> JSONValue {
        let query = ZohoFormFields(URLComponents(string: channel.notifyURL)?.percentEncodedQuery)
        var body: [String: JSONValue] = [
            "server_time": .int(Int(Date().timeIntervalSince1970 * 1000)),
            "query_params": .object(Dictionary(query.pairs.map { ($0.name, JSONValue.string($0.value)) }) { $1 }),
            "module": .string(changes[0].module), "resource_uri": .string(resourceURI),
            "ids": .array(changes.map { .string($0.id) }),
            "affected_fields": .array(
                changes.filter { $0.operation == "update" }.map { [$0.id: .array($0.fields.map { .string($0) })] }),
            "operation": .string(changes[0].operation), "channel_id": .string(channel.channelID),
            "token": channel.token.map { .string($0) } ?? .null,
        ]
        if channel.returnAffectedFieldValues {
            body["affected_values"] = .array(
                changes.filter { $0.operation == "update" }.map {
                    ["record_id": .string($0.id), "values": .object($0.values)]
                })
        }
        return .object(body)
    }

    private func post(_ body: JSONValue, to url: String) async {
        do {
            let status = try await transport.send(
                url: url, body: body.jsonBytes, headers: [("Content-Type", "application/json")], timeout: timeout)
            logger.debug("Delivered a Zoho notification.", metadata: ["crm.vendor": "zoho", "http.status": "\(status)"])
        } catch {
            logger.info(
                "A Zoho notification could not be delivered.", metadata: ["crm.vendor": "zoho", "error": "\(error)"])
        }
    }
}
