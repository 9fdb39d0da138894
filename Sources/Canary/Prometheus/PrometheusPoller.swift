import AsyncHTTPClient

/// Asks Prometheus, as a run goes, for the value of every metric alert condition at each point of the alert grid,
/// and at the end for every metric gate, so that the run stores what Prometheus answered.
///
/// Grid points are asked once, a little behind real time (``lag``) so that Prometheus has scraped them. An error,
/// an empty answer or NaN becomes a reading without a value that says why: no data, never a pass.
actor PrometheusPoller {
    let source: PrometheusSource
    let client: PrometheusClient
    let alerts: [AlertRule]
    let gates: [Gate]
    let speed: Double
    /// Unix seconds of the run's time 0.
    let origin: Double
    /// Real seconds the poller stays behind the run, so that the newest grid point has been scraped.
    static let lag = 1.0
    private var nextStep: Int

    init(source: PrometheusSource, http: HTTPClient, plan: Plan, speed: Double, origin: Double, from start: Double) {
        self.source = source
        client = PrometheusClient(baseURL: source.url, http: http)
        alerts = plan.alerts.filter { $0.condition.query.readsTargetMetrics && $0.condition.query.range != .run }
        gates = plan.gates.filter { $0.condition.query.readsTargetMetrics }
        self.speed = speed
        self.origin = origin
        var step = 0
        while AlertMonitor.time(ofStep: step, speed: speed) < start { step += 1 }
        nextStep = step
    }

    /// Readings for every grid point up to `now` (real seconds since the run began) not asked yet.
    func poll(upTo now: Double) async -> [PrometheusReading] {
        guard !alerts.isEmpty, time(nextStep) <= now else { return [] }
        let first = nextStep
        var last = first
        while time(last + 1) <= now { last += 1 }
        let stepSeconds = AlertMonitor.interval / speed
        let start = origin + time(first), end = origin + time(last)
        var readings: [PrometheusReading] = []
        var unreachable: PrometheusProblem?
        for rule in alerts {
            guard
                let promQL = rule.condition.query.promQL(
                    adding: source.selector, speed: speed, runSeconds: 0, by: rule.per)
            else { continue }
            let value = await ask(unreachable) {
                try await client.queryRange(promQL.value, start: start, end: end, step: stepSeconds)
            }
            unreachable = unreachable ?? Self.unreachable(value)
            let samples = await ask(unreachable) {
                try await client.queryRange(promQL.samples, start: start, end: end, step: stepSeconds)
            }
            unreachable = unreachable ?? Self.unreachable(samples)
            readings += PrometheusReading.readings(
                key: PrometheusReading.key(rule.condition, per: rule.per), per: rule.per, promQL: promQL.value, source: source.url,
                steps: (first...last).map(time), value: value, samples: samples
            ) { unix in Int(((unix - start) / stepSeconds).rounded()) }
        }
        // A poll cut short by the run's end is asked again by the last one.
        if Task.isCancelled { return [] }
        nextStep = last + 1
        return readings
    }

    /// Readings for every metric gate at `reach` (real seconds since the run began), `[run]` spanning the run.
    func gateReadings(at reach: Double) async -> [PrometheusReading] {
        var readings: [PrometheusReading] = []
        var unreachable: PrometheusProblem?
        for gate in gates {
            guard
                let promQL = gate.condition.query.promQL(
                    adding: source.selector, speed: speed, runSeconds: reach, by: gate.per)
            else { continue }
            let value = await ask(unreachable) { try await client.query(promQL.value, at: origin + reach) }
            unreachable = unreachable ?? Self.unreachable(value)
            let samples = await ask(unreachable) { try await client.query(promQL.samples, at: origin + reach) }
            unreachable = unreachable ?? Self.unreachable(samples)
            readings += PrometheusReading.readings(
                key: PrometheusReading.key(gate.condition, per: gate.per), per: gate.per, promQL: promQL.value, source: source.url,
                steps: [reach], value: value, samples: samples
            ) { _ in 0 }
        }
        return readings
    }

    private func time(_ step: Int) -> Double { AlertMonitor.time(ofStep: step, speed: speed) }

    /// The problem of a Prometheus that did not answer, so that the rest of a poll is not asked (each could wait
    /// for the client's timeout).
    private static func unreachable(
        _ answer: Result<PrometheusResult, PrometheusProblem>
    ) -> PrometheusProblem? {
        if case .failure(let problem) = answer, problem.isUnreachable { return problem }
        return nil
    }

    private func ask(
        _ known: PrometheusProblem?, _ body: () async throws -> PrometheusResult
    ) async -> Result<PrometheusResult, PrometheusProblem> {
        if let known { return .failure(known) }
        do {
            return .success(try await body())
        } catch let problem as PrometheusProblem {
            return .failure(problem)
        } catch {
            return .failure(.unreadable("\(error)"))
        }
    }
}
