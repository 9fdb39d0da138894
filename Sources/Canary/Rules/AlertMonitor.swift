/// A change in an alert's state: it started firing, or it stopped.
public struct AlertEvent: Sendable, Equatable, Codable {
    /// Whether the alert started or stopped firing.
    public enum State: String, Sendable, Codable { case fired, resolved }

    public var rule: String
    public var level: AlertRule.Level
    public var state: State
    /// Seconds since the run began.
    public var at: Double
    /// The measured value when the state changed.
    public var value: Double?
    /// Samples the value rests on.
    public var samples: Int
    /// The rule's condition as written.
    public var condition: String

    public init(
        rule: String, level: AlertRule.Level, state: State, at: Double, value: Double?, samples: Int, condition: String
    ) {
        self.rule = rule
        self.level = level
        self.state = state
        self.at = at
        self.value = value
        self.samples = samples
        self.condition = condition
    }
}

/// Evaluates alert rules as observations arrive and reports each transition once.
public struct AlertMonitor: Sendable {
    public let rules: [AlertRule]
    public let speed: Double
    private var firing: Set<String> = []

    public init(rules: [AlertRule], speed: Double) {
        self.rules = rules
        self.speed = speed
    }

    /// Names of rules firing now.
    public var firingRules: Set<String> { firing }

    /// Evaluates every rule at `now`; returns the transitions. No data never fires.
    public mutating func evaluate(_ observations: Observations, at now: Double) -> [AlertEvent] {
        var events: [AlertEvent] = []
        for rule in rules {
            let evaluation = rule.condition.query.evaluate(observations, at: now, speed: speed)
            let holds = evaluation.value.map(rule.condition.holds) ?? false
            let wasFiring = firing.contains(rule.name)
            guard holds != wasFiring else { continue }
            if holds { firing.insert(rule.name) } else { firing.remove(rule.name) }
            events.append(
                AlertEvent(
                    rule: rule.name, level: rule.level, state: holds ? .fired : .resolved, at: now,
                    value: evaluation.value, samples: evaluation.samples, condition: rule.condition.source))
        }
        return events
    }
}
