/// One reason behind a decision, as data: what caused it, where, how often, and what the target said.
///
/// Each report format renders it with ``ReasonText``; `report.json` keeps it whole.
public struct Reason: Sendable, Equatable, Codable {
    /// What kind of cause it is, most serious first.
    public enum Cause: String, Sendable, Codable {
        /// A probe proved the release broken (a forged webhook accepted, rows lost).
        case brokenRelease = "broken-release"
        /// A probe instance's attempts failed under a critical gate or alert.
        case contractFailed = "contract-failed"
        /// A critical alert over metrics fired.
        case criticalAlert = "critical-alert"
        /// A critical gate over metrics missed.
        case criticalGate = "critical-gate"
        /// A warning alert fired.
        case warningAlert = "warning-alert"
        /// A gate missed its threshold.
        case gateMissed = "gate-missed"
        /// The run was stopped, killed or never recorded its end.
        case incomplete
        /// The run was not watched for longer than an alert window (killed, then resumed).
        case unwatchedGap = "unwatched-gap"
        /// A location the run is recorded from stopped reporting, or never did.
        case locationSilent = "location-silent"
        /// Gates without data, grouped by why.
        case noData = "no-data"
        /// No attempt finished at all.
        case noEvidence = "no-evidence"
        /// Everything passed.
        case allPassed = "all-passed"
    }

    public var cause: Cause
    /// The decision this reason alone leads to.
    public var effect: Decision
    /// The gates or alert rules behind it.
    public var rules: [String] = []
    /// How serious those rules are.
    public var severity: Severity?
    /// The probe instance the evidence is about.
    public var probe: String?
    public var provider: String?
    /// Attempts of that instance that count as evidence, and how many failed.
    public var attempts: Int?
    public var failed: Int?
    /// The most common thing that went wrong, verbatim from one attempt, and how many attempts it covers.
    public var detail: String?
    public var detailCount: Int?
    /// The measured value, the threshold as written with its unit, the unit of the value, the window.
    public var observed: Double?
    public var threshold: String?
    public var unit: QuantityUnit?
    public var window: String?
    /// Real seconds since the run began: when an alert fired, a finding was made, the run stopped or a gap began.
    public var at: Double?
    /// Plan seconds a gap lasted, or the alert window it outlasted.
    public var seconds: Double?
    public var limitSeconds: Double?
    /// For gates without data: why, and which gates.
    public var noData: NoDataCause?
    /// How the run ended, for `incomplete`.
    public var end: RunEnd?
    /// A count: gates that passed (`all-passed`), members of a group.
    public var count: Int?
    /// In a run recorded from several locations: where the failure was seen, the location that went silent, or
    /// (for `all-passed`) where failures were seen that `min_location_failed` did not count.
    public var locations: [String]?
    /// The plan's `min_location_failed`, for an `all-passed` that left failures uncounted.
    public var minLocationFailed: Int?

    public init(cause: Cause, effect: Decision) {
        self.cause = cause
        self.effect = effect
    }

    /// The probe instance, as reports name it: `webhook.delivery (hubspot)`.
    public var instance: String? { probe.map { ProbeKey(probe: $0, provider: provider).description } }
}

extension Reason {
    /// Evidence of one probe instance behind `rules`.
    init(cause: Cause, effect: Decision, evidence: ProbeEvidence) {
        self.init(cause: cause, effect: effect)
        probe = evidence.probe
        provider = evidence.provider
        attempts = evidence.attempts
        failed = evidence.failed
        detail = evidence.detail
        detailCount = evidence.detailCount
        if evidence.failed == 0, evidence.unverified > 0 { count = evidence.unverified }
    }
}
