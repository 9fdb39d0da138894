/// What one probe attempt observed.
public struct ProbeOutcome: Sendable {
    /// Whether every check of the attempt held.
    public var passed: Bool
    /// Why it failed; nil when it passed.
    public var errorClass: ErrorClass?
    /// A short, secret-free sentence about the attempt.
    public var detail: String
    /// Set when the attempt proves the release broken (for example a forged webhook accepted).
    public var finding: String?
    /// Metric samples the attempt collected, fed to the alert rules.
    public var samples: [MetricSample]

    /// An attempt whose checks all held.
    public static func pass(_ detail: String = "ok", samples: [MetricSample] = []) -> Self {
        .init(passed: true, errorClass: nil, detail: detail, finding: nil, samples: samples)
    }

    /// An attempt that failed for the given reason.
    public static func fail(_ errorClass: ErrorClass, _ detail: String, samples: [MetricSample] = []) -> Self {
        .init(passed: false, errorClass: errorClass, detail: detail, finding: nil, samples: samples)
    }

    /// An attempt the harness could not judge because it lacks something (a secret, CRM read access, a URL):
    /// neither a pass nor a failure of the target. `detail` names what is missing, e.g. the variable to set.
    public static func unverified(_ detail: String) -> Self {
        .init(passed: false, errorClass: .unverified, detail: detail, finding: nil, samples: [])
    }

    /// Whether the attempt could not be judged (see ``unverified(_:)``).
    public var isUnverified: Bool { errorClass == .unverified }

    /// An attempt that proves the release broken; the decision becomes `rollback`.
    public static func brokenRelease(_ finding: String, errorClass: ErrorClass = .check) -> Self {
        .init(passed: false, errorClass: errorClass, detail: finding, finding: finding, samples: [])
    }
}

extension ErrorClass {
    /// The harness lacked what it needed to judge the attempt; not a target failure.
    public static let unverified: Self = "unverified"
}
