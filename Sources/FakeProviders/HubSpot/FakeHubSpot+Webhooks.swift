import FakeSupport
import Foundation

/// Events for one target URL, at most 100, sent as one JSON array.
struct HubSpotWebhookBatch: Sendable {
    let targetURL: String
    let events: [JSONValue]
}

extension HubSpotState {
    /// Matches changes to subscriptions, numbers the events, and groups them per target in batches of 100.
    func webhookBatches(for changes: [HubSpotChange], hubID: Int) -> [HubSpotWebhookBatch] {
        webhookBatches(hubID: hubID) {
            changes.map { change in ({ $0.wants(change, hubID: hubID) }, { change.fields }) }
        }
    }

    /// Events for every active subscription of exactly `eventType` in `hubID`, with `fields`.
    func webhookBatches(eventType: String, fields: [String: JSONValue], hubID: Int) -> [HubSpotWebhookBatch] {
        webhookBatches(hubID: hubID) {
            [({ $0.active && $0.eventType == eventType && ($0.portalID.map { $0 == hubID } ?? true) }, { fields })]
        }
    }

    /// `items` is only called when there are subscriptions, so a portal nobody listens to pays for no closures.
    private func webhookBatches(
        hubID: Int, items: () -> [(matches: (HubSpotWebhookStore.Subscription) -> Bool, fields: () -> [String: JSONValue])]
    ) -> [HubSpotWebhookBatch] {
        let appID = configuration.appID
        return (try? withStore { store in
            guard !store.webhooks.subscriptions.isEmpty else { return [] }
            let occurredAt = HubSpotTimestamp.nowMilliseconds()
            var byTarget: [String: [JSONValue]] = [:]
            var targets: [String] = []
            let subscriptions = store.webhooks.subscriptions.values.sorted(by: { $0.id < $1.id })
            // The app's target is read now, so a settings change applies to the next event.
            let appTarget = store.webhooks.settings?.targetURL
            for item in items() {
                for subscription in subscriptions where item.matches(subscription) {
                    guard let target = subscription.targetURL ?? appTarget else { continue }
                    var event: [String: JSONValue] = [
                        "eventId": .int(store.webhooks.nextEventID), "subscriptionId": .int(subscription.id),
                        "portalId": .int(hubID), "appId": .int(appID), "occurredAt": .number(Double(occurredAt)),
                        "subscriptionType": .string(subscription.eventType), "attemptNumber": 0,
                        "changeSource": "INTEGRATION", "sourceId": .string(String(appID)),
                    ]
                    store.webhooks.nextEventID += 1
                    for (key, value) in item.fields() { event[key] = value }
                    if byTarget[target] == nil { targets.append(target) }
                    byTarget[target, default: []].append(.object(event))
                }
            }
            return targets.flatMap { target in
                let events = byTarget[target]!
                return stride(from: 0, to: events.count, by: 100).map {
                    HubSpotWebhookBatch(targetURL: target, events: Array(events[$0..<min($0 + 100, events.count)]))
                }
            }
        }) ?? []
    }
}

extension FakeHubSpot: FakeWebhookSource {
    /// Queues one batch; each attempt carries its `attemptNumber`, a fresh timestamp and fresh signatures.
    func enqueue(_ batch: HubSpotWebhookBatch) {
        let secret = configuration.clientSecret
        let timeoutMillis = String(Int(configuration.webhookTimeout.components.seconds * 1000))
        let label = "\(batch.events.count) event(s), first \(batch.events.first?["eventId"]?.int ?? 0)"
        outbox.enqueue(
            .init(url: batch.targetURL, label: label) { attempt in
                let events = batch.events.map { event -> JSONValue in
                    guard case .object(var members) = event else { return event }
                    members["attemptNumber"] = .int(attempt)
                    return .object(members)
                }
                let body = JSONValue.array(events).jsonBytes
                let timestamp = String(HubSpotTimestamp.nowMilliseconds())
                let headers: [(String, String)] = [
                    ("Content-Type", "application/json"),
                    ("User-Agent", "HubSpot Connect 2.0 (http://dev.hubspot.com/)"),
                    ("X-HubSpot-Signature", HubSpotSignature.v1(clientSecret: secret, body: body)),
                    ("X-HubSpot-Signature-Version", "v1"),
                    (
                        "X-HubSpot-Signature-v3",
                        HubSpotSignature.v3(
                            clientSecret: secret, method: "POST", uri: batch.targetURL, body: body, timestamp: timestamp)
                    ),
                    ("X-HubSpot-Request-Timestamp", timestamp),
                    ("X-HubSpot-Timeout-Millis", timeoutMillis),
                ]
                return (body, headers)
            })
    }

    /// Every subscription.
    public func subscriptions() async -> [JSONValue] {
        (try? state.withStore { store in
            store.webhooks.subscriptions.values.sorted { $0.id < $1.id }.map(\.json)
        }) ?? []
    }

    /// Adds a subscription: `eventType` (e.g. `contact.creation`), `targetUrl`, optional `propertyName`,
    /// `objectTypeId` (for `object.*`), `portalId` and `active`.
    public func subscribe(_ request: JSONValue) async throws(FakeWebhookError) -> JSONValue {
        guard let eventType = request["eventType"]?.string, HubSpotWebhookStore.eventTypes.contains(eventType) else {
            throw FakeWebhookError(
                "eventType must be one of HubSpot's event types, e.g. contact.creation, contact.propertyChange or "
                    + "object.creation.")
        }
        guard let target = request["targetUrl"]?.string, let url = URL(string: target),
            ["http", "https"].contains(url.scheme ?? "")
        else {
            throw FakeWebhookError("targetUrl must be an http or https URL, e.g. http://127.0.0.1:9000/webhooks.")
        }
        let portalID = request["portalId"].flatMap { $0.int ?? $0.string.flatMap(Int.init) }
        return state.addSubscription(
            eventType: eventType, propertyName: request["propertyName"]?.string,
            objectTypeID: request["objectTypeId"]?.string, targetURL: target, portalID: portalID,
            active: request["active"]?.bool ?? true
        ).json
    }

    /// Removes a subscription.
    public func unsubscribe(id: String) async -> Bool {
        guard let number = Int(id) else { return false }
        return (try? state.withStore { store in store.webhooks.subscriptions.removeValue(forKey: number) != nil }) ?? false
    }

    /// Sends events now: `{"eventType": "contact.creation", "objectId": 5, "portalId"?, "propertyName"?,
    /// "propertyValue"?, "objectTypeId"?}`; any other keys are copied into each event.
    public func trigger(_ request: JSONValue) async throws(FakeWebhookError) -> JSONValue {
        guard let eventType = request["eventType"]?.string, HubSpotWebhookStore.eventTypes.contains(eventType) else {
            throw FakeWebhookError("eventType must be one of HubSpot's event types, e.g. contact.creation.")
        }
        let parts = eventType.split(separator: ".").map(String.init)
        let objectID = request["objectId"]?.int ?? request["objectId"]?.string.flatMap(Int.init) ?? 1
        let hubID = request["portalId"]?.int ?? configuration.defaultHubID
        let type: HubSpotObjectType
        if parts[0] == "object" {
            guard let named = HubSpotObjectType.named(request["objectTypeId"]?.string ?? "0-48") else {
                throw FakeWebhookError("objectTypeId must name an object type, e.g. 0-48 for calls.")
            }
            type = named
        } else {
            type = HubSpotObjectType.named(parts[0]) ?? HubSpotObjectType.named("contacts")!
        }
        let change: HubSpotChange
        switch parts[1] {
        case "creation": change = .created(type, objectID)
        case "deletion", "privacyDeletion": change = .deleted(type, objectID)
        case "propertyChange":
            change = .propertyChanged(
                type, objectID, name: request["propertyName"]?.string ?? "email",
                value: request["propertyValue"]?.string ?? "")
        default:
            change = .associationChanged(
                type, objectID, to: HubSpotObjectType.named("companies")!,
                toID: request["toObjectId"]?.int ?? 1, typeID: 279, removed: false)
        }
        var fields = change.fields
        let known: Set<String> = ["eventType", "portalId"]
        for (key, value) in request.object ?? [:] where !known.contains(key) { fields[key] = value }
        let batches = state.webhookBatches(eventType: eventType, fields: fields, hubID: hubID)
        guard !batches.isEmpty else {
            throw FakeWebhookError(
                "No active subscription has eventType \(eventType) for portal \(hubID); add one with POST /__fake/subscriptions.")
        }
        for batch in batches { enqueue(batch) }
        return ["queued": .array(batches.flatMap(\.events))]
    }

    /// Every delivery attempt so far.
    public func deliveries() async -> [JSONValue] {
        outbox.attempts().map(\.json)
    }
}
