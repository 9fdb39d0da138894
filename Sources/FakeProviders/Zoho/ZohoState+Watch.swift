import FakeSupport
import Foundation

extension ZohoState {
    /// How a watch request treats an existing channel with the same id.
    enum WatchMode: Sendable {
        /// POST: subscribe (replacing a channel with the same id).
        case subscribe
        /// PUT: replace the channel's settings.
        case replace
        /// PATCH: add the given events to the channel (or remove them with `_delete_events`).
        case merge
    }

    /// Subscribes, replaces or merges channels; each entry gets its own outcome.
    func watch(orgID: String, entries: [JSONValue], mode: WatchMode, resourceBase: String) -> [JSONValue] {
        entries.enumerated().map { index, entry in
            do throws(ZohoRowError) {
                let channel = try channel(from: entry, index: index, orgID: orgID, mode: mode)
                orgs[orgID]?.channels[channel.channelID] = channel
                let modules = Set(channel.events.compactMap { $0.split(separator: ".").first.map(String.init) })
                let events: [JSONValue] = modules.sorted().map { name in
                    let module = ZohoModule.named(name)
                    return [
                        "channel_expiry": channel.expiry.map { .string($0) } ?? .null,
                        "resource_uri": .string("\(resourceBase)/\(module?.apiName ?? name)"),
                        "resource_id": .string(module?.id ?? ""), "resource_name": .string(module?.apiName ?? name),
                        "channel_id": .string(channel.channelID),
                    ]
                }
                return [
                    "code": "SUCCESS", "details": ["events": .array(events)],
                    "message": "Successfully subscribed for actions-watch of the given module", "status": "success",
                ]
            } catch {
                return error.body
            }
        }
    }

    /// `DELETE actions/watch?channel_ids=`: disables channels.
    func unwatch(orgID: String, channelIDs: [String]) -> [JSONValue] {
        channelIDs.map { id in
            guard orgs[orgID]?.channels.removeValue(forKey: id) != nil else {
                return [
                    "code": "INVALID_DATA", "details": ["channel_id": .string(id)],
                    "message": "the given channel id is invalid", "status": "error",
                ]
            }
            return [
                "code": "SUCCESS", "details": ["events": [["channel_id": .string(id)]]],
                "message": "Successfully unsubscribed from actions-watch of the given module", "status": "success",
            ]
        }
    }

    /// The org's channels, by channel id.
    func channels(orgID: String) -> [ZohoChannel] {
        (orgs[orgID]?.channels.values).map { $0.sorted { $0.channelID < $1.channelID } } ?? []
    }

    /// The live channels that want `change`.
    func channels(orgID: String, for change: ZohoRecordChange) -> [ZohoChannel] {
        let now = Date()
        return channels(orgID: orgID).filter { channel in
            channel.wants(module: change.module, operation: change.operation)
                && (channel.expiry.flatMap(ZohoClock.parse).map { $0 > now } ?? true)
        }
    }

    private func channel(from entry: JSONValue, index: Int, orgID: String, mode: WatchMode) throws(ZohoRowError)
        -> ZohoChannel
    {
        let path = "$.watch[\(index)]"
        guard let id = entry["channel_id"].flatMap({ $0.int.map(String.init) ?? $0.string }), !id.isEmpty else {
            throw ZohoRowError(
                code: "MANDATORY_NOT_FOUND", message: "required field not found",
                details: ["api_name": "channel_id", "json_path": .string("\(path).channel_id")])
        }
        let existing = orgs[orgID]?.channels[id]
        if mode != .subscribe, existing == nil {
            throw ZohoRowError(
                code: "INVALID_DATA", message: "the given channel id is invalid",
                details: ["api_name": "channel_id", "json_path": .string("\(path).channel_id")])
        }
        let given = entry["events"]?.array?.compactMap(\.string) ?? []
        var events = given
        if mode == .merge, let existing {
            events =
                entry["_delete_events"]?.bool == true
                ? existing.events.filter { !given.contains($0) } : existing.events + given.filter { !existing.events.contains($0) }
        }
        guard !events.isEmpty || mode == .merge else {
            throw ZohoRowError(
                code: "MANDATORY_NOT_FOUND", message: "required field not found",
                details: ["api_name": "events", "json_path": .string("\(path).events")])
        }
        for event in given {
            let parts = event.split(separator: ".")
            guard parts.count == 2, ZohoModule.named(String(parts[0])) != nil,
                ["all", "create", "edit", "delete"].contains(parts[1].lowercased())
            else {
                throw ZohoRowError(
                    code: "INVALID_DATA", message: "invalid data",
                    details: ["api_name": "events", "json_path": .string("\(path).events")])
            }
        }
        guard let notifyURL = entry["notify_url"]?.string ?? (mode == .merge ? existing?.notifyURL : nil),
            notifyURL.hasPrefix("http://") || notifyURL.hasPrefix("https://")
        else {
            throw ZohoRowError(
                code: "MANDATORY_NOT_FOUND", message: "required field not found",
                details: ["api_name": "notify_url", "json_path": .string("\(path).notify_url")])
        }
        let token = entry["token"]?.string ?? (mode == .merge ? existing?.token : nil)
        if let token, token.count > 50 {
            throw ZohoRowError(
                code: "INVALID_DATA", message: "invalid data",
                details: ["api_name": "token", "json_path": .string("\(path).token")])
        }
        var expiry = entry["channel_expiry"]?.string ?? (mode == .merge ? existing?.expiry : nil)
        if let given = expiry {
            guard let date = ZohoClock.parse(given), date < Date().addingTimeInterval(7 * 86_400 + 60) else {
                throw ZohoRowError(
                    code: "INVALID_DATA", message: "invalid data",
                    details: ["api_name": "channel_expiry", "json_path": .string("\(path).channel_expiry")])
            }
        } else {
            expiry = ZohoClock.format(Date().addingTimeInterval(3600))
        }
        return ZohoChannel(
            channelID: id, events: events, token: token, notifyURL: notifyURL, expiry: expiry,
            returnAffectedFieldValues: entry["return_affected_field_values"]?.bool
                ?? (mode == .merge ? existing?.returnAffectedFieldValues ?? false : false))
    }
}
