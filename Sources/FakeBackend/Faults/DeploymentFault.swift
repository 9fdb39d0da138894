import FakeSupport

/// One fault in a plan: what breaks, for which provider, and during which window of real time.
public struct DeploymentFault: Sendable, Hashable {
    /// What the fault changes in the fake deployment's behaviour.
    public enum Kind: Sendable, Hashable {
        /// The sync worker takes no jobs; `/health` reports degraded and `worker_up` is 0.
        case workerStopped
        /// A seeded fraction of jobs fails its first `failingAttempts` attempts with the given reason.
        case syncErrors(rate: Double, failingAttempts: Int, error: CRMSinkError.Code)
        /// Each webhook's handling takes `delay` longer, give or take up to `jitter`.
        case webhookLatency(delay: Duration, jitter: Duration)
        /// Connections are reset: new ones when accepted, kept-alive ones at their next request.
        case refuseConnections
        /// Webhook signatures are not checked: forged and stale requests are accepted (the broken release).
        case acceptForgedWebhooks
        /// Imports silently leave out a seeded `rate` of rows yet report every row imported.
        case importDropsRows(rate: Double)

        /// The name used in YAML, e.g. `sync-errors`.
        public var name: String {
            switch self {
            case .workerStopped: "worker-stopped"
            case .syncErrors: "sync-errors"
            case .webhookLatency: "webhook-latency"
            case .refuseConnections: "refuse-connections"
            case .acceptForgedWebhooks: "accept-forged-webhooks"
            case .importDropsRows: "import-drops-rows"
            }
        }
    }

    /// What breaks.
    public var kind: Kind
    /// The only provider affected, or nil for all of them.
    public var provider: CRMProvider?
    /// Real time after the fake starts when the fault begins.
    public var from: Duration
    /// Real time after the fake starts when the fault ends, or nil for never.
    public var until: Duration?

    /// Creates a fault; `from` and `until` are real time since the fake started.
    public init(_ kind: Kind, provider: CRMProvider? = nil, from: Duration = .zero, until: Duration? = nil) {
        self.kind = kind
        self.provider = provider
        self.from = from
        self.until = until
    }

    /// Whether the fault is in force `elapsed` after the fake started.
    public func isActive(at elapsed: Duration) -> Bool {
        elapsed >= from && until.map { elapsed < $0 } ?? true
    }

    /// Whether the fault touches `provider`.
    func applies(to provider: CRMProvider) -> Bool {
        self.provider.map { $0 == provider } ?? true
    }
}

extension DeploymentFault {
    /// The worker stops taking jobs during the window.
    public static func workerStopped(from: Duration = .zero, until: Duration? = nil) -> Self {
        Self(.workerStopped, from: from, until: until)
    }

    /// A seeded `rate` of jobs fails its first `failingAttempts` attempts (default reason: rejected).
    public static func syncErrors(
        rate: Double, failingAttempts: Int = 1, error: CRMSinkError.Code = .rejected,
        provider: CRMProvider? = nil, from: Duration = .zero, until: Duration? = nil
    ) -> Self {
        Self(
            .syncErrors(rate: rate, failingAttempts: failingAttempts, error: error), provider: provider, from: from,
            until: until)
    }

    /// Webhook handling is delayed by `delay` plus or minus up to `jitter`.
    public static func webhookLatency(
        delay: Duration, jitter: Duration = .zero, provider: CRMProvider? = nil,
        from: Duration = .zero, until: Duration? = nil
    ) -> Self {
        Self(.webhookLatency(delay: delay, jitter: jitter), provider: provider, from: from, until: until)
    }

    /// New connections are reset during the window.
    public static func refuseConnections(from: Duration = .zero, until: Duration? = nil) -> Self {
        Self(.refuseConnections, from: from, until: until)
    }
}
