import FakeSupport
import Synchronization

/// The faults a running provider applies now: the plan, when it took effect, and the counters behind
/// seeded choices and shrinking rate limits. Safe to use from every request at once.
public final class ProviderFaultState: Sendable {
    private let provider: CRMProvider
    private let state: Mutex<State>
    /// Whether the plan has any fault, and any connection-level outage: read without the lock on every request.
    private let hasFaults: Atomic<Bool>
    private let hasOutages: Atomic<Bool>

    private struct State: Sendable {
        var plan: ProviderFaultPlan
        var since: ContinuousClock.Instant
        var sequence: UInt64 = 0
        var checks: UInt64 = 0
        var stormHits: [Int: [ContinuousClock.Instant]] = [:]
    }

    /// Creates the state with `plan` in effect from `since`.
    public init(provider: CRMProvider, plan: ProviderFaultPlan, since: ContinuousClock.Instant = .now) {
        self.provider = provider
        self.state = Mutex(State(plan: plan, since: since))
        self.hasFaults = Atomic(!plan.faults.isEmpty)
        self.hasOutages = Atomic(Self.refusesConnections(plan))
    }

    private static func refusesConnections(_ plan: ProviderFaultPlan) -> Bool {
        plan.faults.contains { $0.kind == .outage(.refuse) && $0.route.matchesEverything }
    }

    /// The plan in effect.
    public var plan: ProviderFaultPlan { state.withLock { $0.plan } }

    /// Replaces the plan; its windows count from now, and counters start again.
    public func replace(with plan: ProviderFaultPlan, at now: ContinuousClock.Instant = .now) {
        state.withLock { $0 = State(plan: plan, since: now) }
        hasFaults.store(!plan.faults.isEmpty, ordering: .sequentiallyConsistent)
        hasOutages.store(Self.refusesConnections(plan), ordering: .sequentiallyConsistent)
    }

    /// Starts the plan's windows and counters again from now, keeping the plan.
    public func restart(at now: ContinuousClock.Instant = .now) {
        state.withLock { $0 = State(plan: $0.plan, since: now) }
    }

    /// Whether a connection accepted now is reset at once: an outage `refuse` for every route is in force.
    func shouldRefuseConnection(at now: ContinuousClock.Instant = .now) -> Bool {
        guard hasOutages.load(ordering: .relaxed) else { return false }
        return state.withLock { state in
            state.checks += 1
            let elapsed = state.since.duration(to: now)
            for (index, fault) in state.plan.faults.enumerated()
            where fault.kind == .outage(.refuse) && fault.route.matchesEverything && fault.isActive(at: elapsed) {
                var generator = SplitMix64(
                    mixing: state.plan.seed, UInt64(index), SplitMix64.hash(provider.rawValue), state.checks,
                    0xC0)
                if generator.nextUnit() < fault.rate { return true }
            }
            return false
        }
    }

    /// What the faults do to the next request with this method and path.
    func decide(method: String, path: String, at now: ContinuousClock.Instant = .now) -> FaultDecision {
        guard hasFaults.load(ordering: .relaxed) else { return FaultDecision() }
        return state.withLock { state in
            var decision = FaultDecision()
            guard !state.plan.faults.isEmpty else { return decision }
            state.sequence += 1
            let elapsed = state.since.duration(to: now)
            for (index, fault) in state.plan.faults.enumerated()
            where fault.isActive(at: elapsed) && fault.route.matches(method: method, path: path) {
                var generator = SplitMix64(
                    mixing: state.plan.seed, UInt64(index), SplitMix64.hash(provider.rawValue), state.sequence)
                if case .rateLimitStorm(let limit, let floor, let window, let ramp) = fault.kind {
                    let allowed = Self.allowance(
                        limit: limit, floor: floor, ramp: ramp ?? fault.until.map { $0 - fault.from },
                        into: elapsed - fault.from)
                    var hits = state.stormHits[index, default: []]
                    hits.removeAll { $0.duration(to: now) >= window }
                    if hits.count >= allowed {
                        if decision.status == nil { decision.status = 429 }
                        decision.labels.append("rate-limit-storm \(allowed) per \(FaultDuration.text(window))")
                    } else {
                        hits.append(now)
                    }
                    state.stormHits[index] = hits
                    continue
                }
                guard generator.nextUnit() < fault.rate else { continue }
                switch fault.kind {
                case .latency(let distribution):
                    let delay = distribution.sample(generator.nextUnit(), generator.nextUnit())
                    decision.delay += delay
                    decision.labels.append("latency \(FaultDuration.text(delay))")
                case .errors(let status):
                    if decision.status == nil { decision.status = status }
                    decision.labels.append("status \(status)")
                case .outage(let mode):
                    if decision.outage != .refuse { decision.outage = mode }
                    decision.labels.append("outage \(mode.rawValue)")
                case .slowBody(let chunkBytes, let interval):
                    decision.slowBody = (chunkBytes, interval)
                    decision.labels.append("slow-body")
                case .truncatedBody(let keep):
                    decision.truncateKeep = keep
                    decision.labels.append("truncated-body")
                case .rateLimitStorm:
                    break
                }
            }
            return decision
        }
    }

    /// The requests allowed per window `into` a storm: from `limit` down to `floor`, linearly over `ramp`.
    public static func allowance(limit: Int, floor: Int, ramp: Duration?, into elapsed: Duration) -> Int {
        guard let ramp, ramp > .zero else { return floor }
        let progress = min(max(elapsed / ramp, 0), 1)
        return Int((Double(limit) - Double(limit - floor) * progress).rounded(.down))
    }
}
