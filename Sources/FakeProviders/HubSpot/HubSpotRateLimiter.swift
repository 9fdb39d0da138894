import Foundation
import HTTPTypes
import Hummingbird

/// One portal's (or, for OAuth calls, one app's) request budget: rolling ten seconds, the day, search per second.
struct HubSpotRateLimiter: Sendable {
    let limits: HubSpotRateLimits
    private var tenSeconds: RollingWindowCounter
    private var second: RollingWindowCounter
    private var search: RollingWindowCounter
    private var day: Int64
    private var today = 0

    init(limits: HubSpotRateLimits, now: ContinuousClock.Instant) {
        self.limits = limits
        self.tenSeconds = RollingWindowCounter(window: limits.window(.seconds(10)), slotCount: 100, origin: now)
        self.second = RollingWindowCounter(window: limits.window(.seconds(1)), slotCount: 10, origin: now)
        self.search = RollingWindowCounter(window: limits.window(.seconds(1)), slotCount: 10, origin: now)
        self.day = Self.dayNumber()
    }

    /// The policy a request would break, or nil after counting it; `includeDaily` is false for OAuth calls.
    mutating func admit(at now: ContinuousClock.Instant, isSearch: Bool) -> HubSpotRateLimitPolicy? {
        let currentDay = Self.dayNumber()
        if currentDay != day {
            day = currentDay
            today = 0
        }
        if isSearch {
            guard search.count(at: now) < limits.searchPerSecond else { return .secondly }
            search.add(at: now)
            return nil
        }
        guard today < limits.perDay else { return .daily }
        guard tenSeconds.count(at: now) < limits.perTenSeconds else { return .tenSecondlyRolling }
        tenSeconds.add(at: now)
        second.add(at: now)
        today += 1
        return nil
    }

    /// The `X-HubSpot-RateLimit-*` headers after the last admitted request.
    mutating func headers(at now: ContinuousClock.Instant, includeDaily: Bool) -> HTTPFields {
        let perSecond = Swift.max(limits.perTenSeconds / 10, 1)
        var fields: HTTPFields = [
            Self.interval: limits.intervalMilliseconds,
            Self.max: String(limits.perTenSeconds),
            Self.remaining: String(Swift.max(limits.perTenSeconds - tenSeconds.count(at: now), 0)),
            Self.secondly: String(perSecond),
            Self.secondlyRemaining: String(Swift.max(perSecond - second.count(at: now), 0)),
        ]
        if includeDaily {
            fields[Self.daily] = String(limits.perDay)
            fields[Self.dailyRemaining] = String(Swift.max(limits.perDay - today, 0))
        }
        return fields
    }

    private static func dayNumber() -> Int64 {
        Int64(Date().timeIntervalSince1970 / 86_400)
    }

    static let daily = HTTPField.Name("X-HubSpot-RateLimit-Daily")!
    static let dailyRemaining = HTTPField.Name("X-HubSpot-RateLimit-Daily-Remaining")!
    static let interval = HTTPField.Name("X-HubSpot-RateLimit-Interval-Milliseconds")!
    static let max = HTTPField.Name("X-HubSpot-RateLimit-Max")!
    static let remaining = HTTPField.Name("X-HubSpot-RateLimit-Remaining")!
    static let secondly = HTTPField.Name("X-HubSpot-RateLimit-Secondly")!
    static let secondlyRemaining = HTTPField.Name("X-HubSpot-RateLimit-Secondly-Remaining")!
}

/// Which HubSpot limit a request broke, as its 429 body names it.
enum HubSpotRateLimitPolicy: String, Sendable {
    case tenSecondlyRolling = "TEN_SECONDLY_ROLLING"
    case daily = "DAILY"
    case secondly = "SECONDLY"

    /// HubSpot's 429: `{"status":"error","message":"You have reached your … limit.","errorType":"RATE_LIMIT",…}`.
    func error(headers: HTTPFields) -> HubSpotError {
        let message: String
        switch self {
        case .tenSecondlyRolling: message = "You have reached your ten_secondly_rolling limit."
        case .daily: message = "You have reached your daily limit."
        case .secondly: message = "You have reached your secondly limit."
        }
        var extra = headers
        if self != .daily { extra[.retryAfter] = "1" }
        return HubSpotError(
            status: .tooManyRequests, category: "RATE_LIMITS", message: message, extraHeaders: extra,
            body: [
                "status": "error", "message": .string(message), "errorType": "RATE_LIMIT",
                "correlationId": .string(UUID().uuidString.lowercased()), "policyName": .string(rawValue),
                "category": "RATE_LIMITS",
            ])
    }
}
