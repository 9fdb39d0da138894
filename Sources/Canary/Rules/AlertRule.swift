/// A warning or critical rule: fires while its condition holds.
public struct AlertRule: Sendable, Equatable {
    /// Severity of an alert, and of a gate: a critical one decides `rollback`, a warning `fix-and-retest`.
    public enum Level: String, Sendable, Codable, CaseIterable { case warning, critical }

    /// Name used in progress lines, the store and reports.
    public var name: String
    /// Severity.
    public var level: Level
    /// Fires while this holds.
    public var condition: Condition
    /// The condition holds only on at least this many samples, so "0 % of 1 attempt" cannot fire a rule.
    public var minSamples: Int
    /// When set (`provider` or `probe`), the rule is evaluated per value of that label and each fires on its own.
    public var per: String?

    public init(name: String, level: Level, condition: Condition, minSamples: Int = 1, per: String? = nil) {
        self.name = name
        self.level = level
        self.condition = condition
        self.minSamples = minSamples
        self.per = per
    }
}

/// How serious a missed gate or a fired alert is.
public typealias Severity = AlertRule.Level

/// A go-live gate: passes when its condition holds over enough samples.
public struct Gate: Sendable, Equatable {
    /// Name used in reports.
    public var name: String
    /// Passes when this holds.
    public var condition: Condition
    /// Fewer samples than this is "no data", which never passes.
    public var minSamples: Int
    /// `critical`: missing it decides `rollback`; `warning` (the default): `fix-and-retest`.
    public var severity: Severity
    /// When set (`provider` or `probe`), every value of that label must pass on its own.
    public var per: String?

    public init(name: String, condition: Condition, minSamples: Int, severity: Severity = .warning, per: String? = nil) {
        self.name = name
        self.condition = condition
        self.minSamples = minSamples
        self.severity = severity
        self.per = per
    }
}
