import FakeSupport

/// The app's webhook settings: where every app subscription delivers, and how many posts may run at once.
struct HubSpotWebhookSettings: Sendable {
    /// The throttling periods HubSpot names.
    static let periods: Set<String> = ["SECONDLY", "ROLLING_MINUTE"]

    var targetURL: String
    var maxConcurrentRequests: Int
    var period: String
    let createdAt: String
    var updatedAt: String

    /// `{"targetUrl", "throttling": {"period", "maxConcurrentRequests"}, "createdAt", "updatedAt"}`.
    var json: JSONValue {
        [
            "targetUrl": .string(targetURL),
            "throttling": ["period": .string(period), "maxConcurrentRequests": .int(maxConcurrentRequests)],
            "createdAt": .string(createdAt), "updatedAt": .string(updatedAt),
        ]
    }
}
