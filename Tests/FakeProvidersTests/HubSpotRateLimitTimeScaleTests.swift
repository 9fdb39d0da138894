@testable import FakeProviders
import Testing

/// A plan in plan time at speed 100 runs HubSpot's ten-second window in a tenth of a second; checked on the
/// limiter with chosen instants, so a busy machine cannot blur the window.
@Suite struct HubSpotRateLimitTimeScaleTests {
    @Test func theRollingWindowRunsFasterByTheTimeScale() {
        var limits = HubSpotRateLimits(perTenSeconds: 2, perDay: 100)
        limits.timeScale = 100
        let start = ContinuousClock.now
        var limiter = HubSpotRateLimiter(limits: limits, now: start)
        #expect(limiter.admit(at: start, isSearch: false) == nil)
        #expect(limiter.admit(at: start + .milliseconds(10), isSearch: false) == nil)
        #expect(limiter.admit(at: start + .milliseconds(50), isSearch: false) == .tenSecondlyRolling)
        #expect(limiter.admit(at: start + .milliseconds(130), isSearch: false) == nil)
        let headers = limiter.headers(at: start + .milliseconds(130), includeDaily: true)
        #expect(headers[HubSpotRateLimiter.interval] == "100")
    }

    @Test func realTimeKeepsTheTenSecondWindow() {
        let start = ContinuousClock.now
        var limiter = HubSpotRateLimiter(limits: HubSpotRateLimits(perTenSeconds: 1, perDay: 100), now: start)
        #expect(limiter.admit(at: start, isSearch: false) == nil)
        #expect(limiter.admit(at: start + .seconds(5), isSearch: false) == .tenSecondlyRolling)
        #expect(limiter.headers(at: start, includeDaily: false)[HubSpotRateLimiter.interval] == "10000")
    }
}
