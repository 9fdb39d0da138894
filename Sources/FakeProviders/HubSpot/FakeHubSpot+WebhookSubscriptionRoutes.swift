import FakeSupport
import Hummingbird

extension FakeHubSpot {
    /// Webhooks v3 subscriptions of the app, with the developer API key: list, create (201), get, `PATCH` `active`,
    /// delete (204) and `POST …/batch/update` (200, or 207 with `errors` for unknown ids). They deliver to the
    /// settings' `targetUrl`.
    func registerWebhookSubscriptionRoutes(on router: Router<ProviderRequestContext>) {
        let path = "/webhooks/v3/:appId/subscriptions"
        router.get(RouterPath(path)) { request, context in
            try authenticateDeveloper(request, context)
            let results = try state.withStore { store in
                store.webhooks.subscriptions.values.filter(\.isAppSubscription).sorted { $0.id < $1.id }.map(\.appJSON)
            }
            return Response.json(["results": .array(results)])
        }
        router.post(RouterPath(path)) { request, context in
            try authenticateDeveloper(request, context)
            let input = try Self.subscriptionInput(try await Self.jsonBody(request))
            let subscription = state.addSubscription(
                eventType: input.eventType, propertyName: input.propertyName, objectTypeID: input.objectTypeID,
                targetURL: nil, portalID: nil, active: input.active)
            return Response.json(subscription.appJSON, status: .created)
        }
        router.post(RouterPath(path + "/batch/update")) { request, context in
            try authenticateDeveloper(request, context)
            return try await batchUpdateSubscriptions(request)
        }
        router.get(RouterPath(path + "/:subscriptionId")) { request, context in
            try authenticateDeveloper(request, context)
            let id = context.parameters.get("subscriptionId") ?? ""
            let subscription = try state.withStore { store throws(HubSpotError) in try Self.appSubscription(id, in: store) }
            return Response.json(subscription.appJSON)
        }
        router.patch(RouterPath(path + "/:subscriptionId")) { request, context in
            try authenticateDeveloper(request, context)
            let id = context.parameters.get("subscriptionId") ?? ""
            let active = try Self.active(in: try await Self.jsonBody(request))
            let now = HubSpotTimestamp.text(milliseconds: HubSpotTimestamp.nowMilliseconds())
            let subscription = try state.withStore { store throws(HubSpotError) in
                var subscription = try Self.appSubscription(id, in: store)
                if let active { subscription.active = active }
                subscription.updatedAt = now
                store.webhooks.subscriptions[subscription.id] = subscription
                return subscription
            }
            return Response.json(subscription.appJSON)
        }
        router.delete(RouterPath(path + "/:subscriptionId")) { request, context in
            try authenticateDeveloper(request, context)
            let id = context.parameters.get("subscriptionId") ?? ""
            try state.withStore { store throws(HubSpotError) in
                let subscription = try Self.appSubscription(id, in: store)
                store.webhooks.subscriptions[subscription.id] = nil
            }
            return Response(status: .noContent)
        }
    }

    /// Sets `active` on each `{id, active}` input; unknown ids are reported in `errors` and the rest still change.
    private func batchUpdateSubscriptions(_ request: Request) async throws -> Response {
        let body = try await Self.jsonBody(request)
        guard let items = body["inputs"]?.array, !items.isEmpty, items.count <= Self.maxBatchInputs else {
            throw HubSpotError.validation(
                "inputs must be an array of 1 to \(Self.maxBatchInputs) objects {\"id\": 12, \"active\": true}.")
        }
        let inputs = try items.map { item throws(HubSpotError) -> (id: Int, active: Bool) in
            guard let id = item["id"].flatMap({ $0.int ?? $0.string.flatMap(Int.init) }),
                let active = item["active"]?.bool
            else {
                throw HubSpotError.validation("Each input needs id, a subscription id, and active, true or false.")
            }
            return (id, active)
        }
        let startedAt = HubSpotTimestamp.text(milliseconds: HubSpotTimestamp.nowMilliseconds())
        let outcome = try state.withStore { store in
            var outcome = BatchOutcome()
            for input in inputs {
                guard var subscription = store.webhooks.subscriptions[input.id], subscription.isAppSubscription else {
                    outcome.errors.append(
                        Self.errorItem(
                            status: "error", category: "OBJECT_NOT_FOUND",
                            message: "Subscription \(input.id) was not found.", context: ["ids": [String(input.id)]]))
                    continue
                }
                subscription.active = input.active
                subscription.updatedAt = startedAt
                store.webhooks.subscriptions[input.id] = subscription
                outcome.results.append(subscription.appJSON)
            }
            return outcome
        }
        return outcome.response(startedAt: startedAt, successStatus: .ok, headers: [:])
    }

    /// The app subscription `id` names, or HubSpot's 404.
    private static func appSubscription(_ id: String, in store: HubSpotState.Store) throws(HubSpotError)
        -> HubSpotWebhookStore.Subscription
    {
        guard let number = Int(id), let subscription = store.webhooks.subscriptions[number],
            subscription.isAppSubscription
        else {
            throw .notFound("Subscription \(id) was not found.", context: ["subscriptionId": [id]])
        }
        return subscription
    }

    /// A `SubscriptionCreateRequest`: `eventType`, `propertyName` (required for `*.propertyChange`), `objectTypeId`
    /// (for `object.*`) and `active` (default false).
    private static func subscriptionInput(_ body: JSONValue) throws(HubSpotError)
        -> (eventType: String, propertyName: String?, objectTypeID: String?, active: Bool)
    {
        guard let eventType = body["eventType"]?.string, HubSpotWebhookStore.eventTypes.contains(eventType) else {
            let given = body["eventType"]?.string.map { "String \"\($0)\"" } ?? "a missing value"
            throw .validation(
                "Invalid input JSON: Cannot deserialize value of type `EventType` from \(given): not one of the "
                    + "values accepted: [\(HubSpotWebhookStore.eventTypes.sorted().joined(separator: ", "))]",
                context: ["eventType": [body["eventType"]?.string ?? ""]])
        }
        var propertyName: String?
        if eventType.hasSuffix(".propertyChange") {
            guard let name = body["propertyName"]?.string, !name.isEmpty else {
                throw .validation(
                    "propertyName is required for \(eventType) subscriptions.", context: ["propertyName": [""]])
            }
            propertyName = name
        }
        var objectTypeID: String?
        if eventType.hasPrefix("object."), let text = body["objectTypeId"]?.string {
            guard let type = HubSpotObjectType.named(text) else {
                throw .validation("objectTypeId \(text) does not name an object type.", context: ["objectTypeId": [text]])
            }
            objectTypeID = type.typeID
        }
        return (eventType, propertyName, objectTypeID, try active(in: body) ?? false)
    }

    /// The body's `active`, nil when it is absent or null; anything but a boolean is HubSpot's 400.
    private static func active(in body: JSONValue) throws(HubSpotError) -> Bool? {
        let active = body["active"]
        guard active == nil || active == .null || active?.bool != nil else {
            throw .validation("active must be true or false.")
        }
        return active?.bool
    }
}

extension HubSpotWebhookStore.Subscription {
    /// As the webhooks v3 API answers it: `id`, `eventType`, `propertyName`, `objectTypeId`, `active`, `createdAt`,
    /// `updatedAt`.
    var appJSON: JSONValue {
        var object: [String: JSONValue] = [
            "id": .string(String(id)), "eventType": .string(eventType), "active": .bool(active),
            "createdAt": .string(createdAt), "updatedAt": .string(updatedAt),
        ]
        if let propertyName { object["propertyName"] = .string(propertyName) }
        if let objectTypeID { object["objectTypeId"] = .string(objectTypeID) }
        return .object(object)
    }
}
