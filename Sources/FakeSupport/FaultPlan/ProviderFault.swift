import Foundation

/// One fault a fake provider runs with: what it does, to which requests, and when.
public struct ProviderFault: Sendable, Hashable {
    /// What the fault does to the requests it touches.
    public enum Kind: Sendable, Hashable {
        /// Each touched request waits this long before it is handled.
        case latency(LatencyDistribution)
        /// Touched requests are answered with this status in the vendor's error shape.
        case errors(status: Int)
        /// A rate limit shrinking from `limit` to `floor` requests per rolling `window` over `ramp`;
        /// requests over it get 429 in the vendor's shape.
        case rateLimitStorm(limit: Int, floor: Int, window: Duration, ramp: Duration?)
        /// Connections are reset: before the request is handled (`refuse`) or after it (`reset`).
        case outage(OutageMode)
        /// The answer's body is sent `chunkBytes` at a time, `interval` apart.
        case slowBody(chunkBytes: Int, interval: Duration)
        /// Only the first `keep` fraction of the body is sent, then the connection is reset.
        case truncatedBody(keep: Double)

        /// The kind's YAML name, e.g. `rate-limit-storm`.
        public var name: String {
            switch self {
            case .latency: "latency"
            case .errors: "errors"
            case .rateLimitStorm: "rate-limit-storm"
            case .outage: "outage"
            case .slowBody: "slow-body"
            case .truncatedBody: "truncated-body"
            }
        }
    }

    /// How an outage treats connections.
    public enum OutageMode: String, Sendable, Hashable, CaseIterable {
        /// Reset before the request is handled: the client learns nothing happened.
        case refuse
        /// Handle the request, then reset instead of answering: the client cannot tell whether it happened.
        case reset
    }

    /// What it does.
    public var kind: Kind
    /// Which requests it touches.
    public var route: RoutePattern
    /// Fraction of the touched requests it acts on, chosen by the seed (default all); storms ignore it.
    public var rate: Double
    /// Real time after the plan took effect when the fault begins.
    public var from: Duration
    /// Real time after the plan took effect when it ends, or nil for never.
    public var until: Duration?

    /// Creates a fault.
    public init(
        _ kind: Kind, route: RoutePattern = .any, rate: Double = 1, from: Duration = .zero, until: Duration? = nil
    ) {
        self.kind = kind
        self.route = route
        self.rate = rate
        self.from = from
        self.until = until
    }

    /// Whether the fault is in force `elapsed` after the plan took effect.
    public func isActive(at elapsed: Duration) -> Bool {
        elapsed >= from && until.map { elapsed < $0 } ?? true
    }
}

/// How long a latency fault delays a request.
public enum LatencyDistribution: Sendable, Hashable {
    /// Always this long.
    case fixed(Duration)
    /// Uniformly between the two.
    case uniform(min: Duration, max: Duration)
    /// Log-normal around `median` with shape `sigma`, capped at `max` when given.
    case logNormal(median: Duration, sigma: Double, max: Duration?)

    /// The delay for two uniform draws in [0, 1).
    public func sample(_ first: Double, _ second: Double) -> Duration {
        switch self {
        case .fixed(let delay):
            return delay
        case .uniform(let low, let high):
            return low + (high - low) * first
        case .logNormal(let median, let sigma, let cap):
            // Box-Muller: a standard normal from two uniforms.
            let radius = (-2 * Foundation.log(Swift.max(first, 1e-12))).squareRoot()
            let normal = radius * Foundation.cos(2 * Double.pi * second)
            let delay = median * Foundation.exp(sigma * normal)
            return cap.map { min(delay, $0) } ?? delay
        }
    }
}
