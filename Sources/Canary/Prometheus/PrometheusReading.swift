/// One value Prometheus gave for a plan condition at one moment of a run, as stored with the run: the judge
/// rebuilds alerts and gates from these, never by asking Prometheus again.
public struct PrometheusReading: Sendable, Equatable {
    /// The condition it answers: its source text, with ` per LABEL` for a grouped rule (see ``key(_:per:)``).
    public var key: String
    /// The value of the rule's `per` label this reading is about; nil for an ungrouped rule, or for a moment when
    /// Prometheus answered nothing at all.
    public var group: String?
    /// Real seconds since the run began: an alert grid point, or the run's end for gates.
    public var at: Double
    /// The value; nil is no data.
    public var value: Double?
    /// How many samples the value rests on, as Prometheus counted them.
    public var samples: Int
    /// Why there is no value: Prometheus's error, no series, NaN.
    public var problem: String?
    /// The PromQL text that was sent.
    public var promQL: String
    /// The Prometheus that was asked (its base URL): the source of the value.
    public var source: String

    public init(
        key: String, group: String?, at: Double, value: Double?, samples: Int, problem: String?, promQL: String,
        source: String
    ) {
        self.key = key
        self.group = group
        self.at = at
        self.value = value
        self.samples = samples
        self.problem = problem
        self.promQL = promQL
        self.source = source
    }

    /// The key of a condition evaluated once, or per value of `per`.
    public static func key(_ condition: Condition, per: String?) -> String {
        per.map { "\(condition.source) per \($0)" } ?? condition.source
    }
}

/// A run's Prometheus readings, found by condition and moment, for the rules to read instead of scraped samples.
public struct PrometheusReadings: Sendable {
    private var byKey: [String: [Double: [PrometheusReading]]] = [:]
    private var groupsByKey: [String: Set<String>] = [:]
    /// The Prometheus servers asked, sorted.
    public private(set) var sources: [String] = []
    /// The latest grid point any reading stands for; the live watcher evaluates no further.
    public private(set) var reach = -Double.infinity

    public init(_ readings: [PrometheusReading] = []) {
        add(readings)
    }

    /// Adds readings; a later reading for the same condition, group and moment replaces an earlier one.
    public mutating func add(_ readings: [PrometheusReading]) {
        for reading in readings {
            var atTime = byKey[reading.key, default: [:]][reading.at, default: []]
            atTime.removeAll { $0.group == reading.group }
            atTime.append(reading)
            byKey[reading.key, default: [:]][reading.at] = atTime
            if let group = reading.group { groupsByKey[reading.key, default: []].insert(group) }
            reach = Swift.max(reach, reading.at)
            if !sources.contains(reading.source) { sources = (sources + [reading.source]).sorted() }
        }
    }

    /// The readings of `key` at exactly `time`.
    public func readings(_ key: String, at time: Double) -> [PrometheusReading] {
        byKey[key]?[time] ?? []
    }

    /// The condition's evaluations at `time`: one, or one per group Prometheus answered for during the run (a
    /// group it did not answer for at `time` has no data).
    func evaluations(_ key: String, at time: Double, grouped: Bool) -> [(group: String?, evaluation: Evaluation)] {
        let now = readings(key, at: time)
        func evaluation(_ group: String?) -> Evaluation {
            guard let reading = now.first(where: { $0.group == group }), let value = reading.value else {
                return .noData
            }
            return Evaluation(value: value, samples: reading.samples)
        }
        guard grouped else { return [(nil, evaluation(nil))] }
        return (groupsByKey[key] ?? []).sorted().map { ($0, evaluation($0)) }
    }

    /// Why `key` had no data at `time`, in Prometheus's words or ours.
    func problem(_ key: String, at time: Double) -> String {
        let now = readings(key, at: time)
        if let problem = now.compactMap(\.problem).first { return problem }
        if now.isEmpty { return "Prometheus was not asked: the run ended before its gates were queried" }
        return "Prometheus's values rest on too few samples"
    }
}
