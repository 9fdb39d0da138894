/// A warning or critical rule: fires while its condition holds.
public struct AlertRule: Sendable, Equatable {
    /// Severity of an alert.
    public enum Level: String, Sendable, Codable, CaseIterable { case warning, critical }

    /// Name used in progress lines, the store and reports.
    public var name: String
    /// Severity.
    public var level: Level
    /// Fires while this holds.
    public var condition: Condition

    public init(name: String, level: Level, condition: Condition) {
        self.name = name
        self.level = level
        self.condition = condition
    }
}

/// A go-live gate: passes when its condition holds over enough samples.
public struct Gate: Sendable, Equatable {
    /// Name used in reports.
    public var name: String
    /// Passes when this holds.
    public var condition: Condition
    /// Fewer samples than this is "no data", which never passes.
    public var minSamples: Int

    public init(name: String, condition: Condition, minSamples: Int) {
        self.name = name
        self.condition = condition
        self.minSamples = minSamples
    }
}
