import CoreMetrics

/// The harness's own metrics, through swift-metrics, for dashboards that watch canaries as they run:
/// attempts by probe, provider and outcome, attempt latency, alerts firing, and at the end each gate's verdict and
/// the decision. The factory is passed in (a Prometheus one for `canary run --metrics-port`); by default nothing
/// is recorded. A runner recording from a location labels its attempts with it.
struct RunMetrics: Sendable {
    let factory: any MetricsFactory
    let runID: String
    /// The runner's `--location`, added as a `location` label to attempts; nil adds none.
    let location: String?
    private var attempts: [String: Counter] = [:]
    private var durations: [String: CoreMetrics.Timer] = [:]
    private var firing: [String: Gauge] = [:]

    init(factory: any MetricsFactory, runID: String, location: String? = nil) {
        self.factory = factory
        self.runID = runID
        self.location = location
    }

    /// `dimensions`, with the runner's location when it has one.
    private func located(_ dimensions: [(String, String)]) -> [(String, String)] {
        location.map { dimensions + [("location", $0)] } ?? dimensions
    }

    mutating func attempted(_ result: ProbeResult) {
        let outcome = result.passed ? "pass" : result.unverified ? "unverified" : "fail"
        let provider = result.provider ?? ""
        let key = "\(result.probe)\u{0}\(provider)\u{0}\(outcome)"
        if attempts[key] == nil {
            attempts[key] = Counter(
                label: "canary_attempts_total",
                dimensions: located([("probe", result.probe), ("provider", provider), ("outcome", outcome)]),
                factory: factory)
        }
        attempts[key]!.increment()
        guard !result.unverified else { return }
        let instance = "\(result.probe)\u{0}\(provider)"
        if durations[instance] == nil {
            durations[instance] = CoreMetrics.Timer(
                label: "canary_attempt_duration_seconds",
                dimensions: located([("probe", result.probe), ("provider", provider)]),
                preferredDisplayUnit: .seconds, factory: factory)
        }
        durations[instance]!.recordNanoseconds(Int64(result.latency * 1e9))
    }

    mutating func alert(_ event: AlertEvent) {
        if firing[event.name] == nil {
            firing[event.name] = Gauge(
                label: "canary_alert_firing", dimensions: [("rule", event.name), ("level", event.level.rawValue)],
                factory: factory)
        }
        firing[event.name]!.record(event.state == .fired ? 1 : 0)
    }

    /// Each gate's verdict (1 for the verdict it got) and the decision, when the run is judged.
    func judged(_ judgment: Judgment) {
        for gate in judgment.gates {
            for verdict in [GateVerdict.Verdict.pass, .fail, .noData] {
                Gauge(
                    label: "canary_gate_verdict",
                    dimensions: [("gate", gate.gate), ("severity", gate.severity.rawValue), ("verdict", verdict.rawValue)],
                    factory: factory
                ).record(gate.verdict == verdict ? 1 : 0)
            }
        }
        for decision in Decision.allCases {
            Gauge(label: "canary_decision", dimensions: [("run", runID), ("decision", decision.rawValue)], factory: factory)
                .record(judgment.outcome.decision == decision ? 1 : 0)
        }
    }
}
