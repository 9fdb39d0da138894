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
    /// For a rule evaluated `per` a label: the label value this event is about, e.g. `hubspot`.
    public var instance: String?
    /// The unit of `value`.
    public var unit: QuantityUnit?
    /// For rules over probe results, when it fired: how each matching probe instance fared in the window.
    public var evidence: [ProbeEvidence]
    /// The probe ids the rule reads (a pattern such as `webhook.*`), for rules over probe results.
    public var probePattern: String?
    /// In a run recorded from several locations: where the rule was firing when it changed state.
    public var locations: [String]?

    public init(
        rule: String, level: AlertRule.Level, state: State, at: Double, value: Double?, samples: Int, condition: String,
        instance: String? = nil, unit: QuantityUnit? = nil, evidence: [ProbeEvidence] = [], probePattern: String? = nil
    ) {
        self.rule = rule
        self.level = level
        self.state = state
        self.at = at
        self.value = value
        self.samples = samples
        self.condition = condition
        self.instance = instance
        self.unit = unit
        self.evidence = evidence
        self.probePattern = probePattern
    }

    /// The rule's name, with the instance for per-label rules: `webhook intake failing (hubspot)`.
    public var name: String { instance.map { "\(rule) (\($0))" } ?? rule }
}

/// Evaluates alert rules over observations and reports each transition once.
///
/// Rules are evaluated on a fixed grid of plan time (every ``interval`` plan seconds), as Prometheus evaluates
/// them every `evaluation_interval`: the run's watcher and the judge that rebuilds a run from the store step
/// through the same grid, so they see the same transitions.
public struct AlertMonitor: Sendable {
    /// Plan seconds between evaluations.
    public static let interval = 5.0

    public let rules: [AlertRule]
    public let speed: Double
    private var firing: Set<String> = []
    private var nextStep = 0

    public init(rules: [AlertRule], speed: Double) {
        self.rules = rules
        self.speed = speed
    }

    /// Names (with instances) of rules firing now.
    public var firingRules: Set<String> { firing }

    /// Real seconds of the grid point `step`.
    private func time(ofStep step: Int) -> Double { Self.time(ofStep: step, speed: speed) }

    /// Real seconds of the grid point `step` at `speed`; whatever answers for grid points uses these exact times.
    static func time(ofStep step: Int, speed: Double) -> Double { Double(step) * interval / speed }

    /// Evaluates every grid point up to `now` (real seconds since the run began) not evaluated yet.
    public mutating func advance(_ observations: Observations, to now: Double) -> [AlertEvent] {
        var events: [AlertEvent] = []
        while time(ofStep: nextStep) <= now {
            events += evaluate(observations, at: time(ofStep: nextStep))
            nextStep += 1
        }
        return events
    }

    /// Skips grid points before `start` without evaluating them (a resumed run goes on where it stood).
    public mutating func skip(to start: Double) {
        while time(ofStep: nextStep) < start { nextStep += 1 }
    }

    /// Evaluates every rule at `now`; returns the transitions. No data, or fewer samples than the rule's
    /// `min_samples`, never fires.
    public mutating func evaluate(_ observations: Observations, at now: Double) -> [AlertEvent] {
        var events: [AlertEvent] = []
        for rule in rules {
            let unit = QuantityUnit.of(rule.condition.query)
            for (instance, evaluation) in rule.condition.evaluations(observations, at: now, speed: speed, per: rule.per) {
                let holds = evaluation.samples >= rule.minSamples && (evaluation.value.map(rule.condition.holds) ?? false)
                let key = instance.map { "\(rule.name) (\($0))" } ?? rule.name
                guard holds != firing.contains(key) else { continue }
                if holds { firing.insert(key) } else { firing.remove(key) }
                var evidence: [ProbeEvidence] = []
                if holds, rule.condition.query.readsProbes {
                    let query = instance.map { rule.condition.query.narrowed(rule.per ?? "", to: $0) } ?? rule.condition.query
                    let window = Query.window(query.range ?? .run, now: now, speed: speed)
                    evidence = Array(observations.evidence(matching: query.selector, in: window).prefix(3))
                }
                events.append(
                    AlertEvent(
                        rule: rule.name, level: rule.level, state: holds ? .fired : .resolved, at: now,
                        value: evaluation.value, samples: evaluation.samples, condition: rule.condition.source,
                        instance: instance, unit: unit, evidence: evidence,
                        probePattern: rule.condition.query.readsProbes ? rule.condition.query.selector.name : nil))
            }
        }
        return events
    }
}
