import FakeSupport
import Foundation
import Hummingbird

extension FakeHubSpot {
    /// Webhooks v3 settings, with the developer API key: `GET`, `PUT` (200) and `DELETE` (204)
    /// `/webhooks/v3/{appId}/settings`.
    func registerWebhookSettingsRoutes(on router: Router<ProviderRequestContext>) {
        router.get("/webhooks/v3/:appId/settings") { request, context in
            try authenticateDeveloper(request, context)
            let settings = try state.withStore { store in store.webhooks.settings }
            guard let settings else {
                throw HubSpotError.notFound("No webhook settings are configured for app \(configuration.appID).")
            }
            return Response.json(settings.json)
        }
        router.put("/webhooks/v3/:appId/settings") { request, context in
            try authenticateDeveloper(request, context)
            let change = try Self.settingsChange(try await Self.jsonBody(request))
            let now = HubSpotTimestamp.text(milliseconds: HubSpotTimestamp.nowMilliseconds())
            let settings = try state.withStore { store in
                let settings = HubSpotWebhookSettings(
                    targetURL: change.targetURL, maxConcurrentRequests: change.maxConcurrentRequests,
                    period: change.period, createdAt: store.webhooks.settings?.createdAt ?? now, updatedAt: now)
                store.webhooks.settings = settings
                return settings
            }
            return Response.json(settings.json)
        }
        router.delete("/webhooks/v3/:appId/settings") { request, context in
            try authenticateDeveloper(request, context)
            try state.withStore { store in store.webhooks.settings = nil }
            return Response(status: .noContent)
        }
    }

    /// A `SettingsChangeRequest`: `targetUrl` (http or https) and `throttling.maxConcurrentRequests` (at least 1),
    /// with `throttling.period` `SECONDLY` (the default) or `ROLLING_MINUTE`.
    private static func settingsChange(_ body: JSONValue) throws(HubSpotError)
        -> (targetURL: String, maxConcurrentRequests: Int, period: String)
    {
        guard let target = body["targetUrl"]?.string, let url = URL(string: target),
            ["http", "https"].contains(url.scheme ?? ""), url.host != nil
        else {
            throw .validation(
                "targetUrl must be an http or https URL, e.g. https://example.com/hubspot/webhooks.",
                context: ["targetUrl": [body["targetUrl"]?.string ?? ""]])
        }
        guard let throttling = body["throttling"], throttling.object != nil else {
            throw .validation("throttling is required: {\"maxConcurrentRequests\": 10}.")
        }
        guard let concurrency = throttling["maxConcurrentRequests"]?.int, concurrency >= 1 else {
            throw .validation("throttling.maxConcurrentRequests must be a whole number of at least 1.")
        }
        let period = throttling["period"]?.string ?? "SECONDLY"
        guard HubSpotWebhookSettings.periods.contains(period) else {
            throw .validation("throttling.period must be SECONDLY or ROLLING_MINUTE.", context: ["period": [period]])
        }
        return (target, concurrency, period)
    }
}
