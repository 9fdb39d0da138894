/// The harness's verdict on a release.
public enum Decision: String, Sendable, Codable, CaseIterable {
    /// Open the release to everyone.
    case go
    /// Nothing proves it broken, but something is off or evidence is missing.
    case fixAndRetest = "fix-and-retest"
    /// A critical alert fired or a probe proved the release broken.
    case rollback

    /// The process exit code CI acts on: 0, 1 or 2.
    public var exitCode: Int32 {
        switch self {
        case .go: 0
        case .fixAndRetest: 1
        case .rollback: 2
        }
    }
}

/// How a run ended.
public enum RunEnd: String, Sendable, Codable {
    /// The whole timeline ran.
    case completed
    /// A critical alert stopped it early (the plan's `stop_on_critical`).
    case stoppedOnCritical = "stopped-on-critical"
    /// A person or the system stopped it (SIGINT/SIGTERM).
    case interrupted
    /// Still running, or the harness died before recording an end.
    case unfinished
}

/// The decision with every reason behind it, most serious first.
public struct DecisionOutcome: Sendable, Equatable, Codable {
    public var decision: Decision
    public var reasons: [Reason]

    public init(decision: Decision, reasons: [Reason]) {
        self.decision = decision
        self.reasons = reasons
    }
}
