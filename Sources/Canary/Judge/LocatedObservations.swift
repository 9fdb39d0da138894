/// A run's stored results read back whole and, for a run recorded from several locations, per location.
struct LocatedObservations: Sendable {
    private(set) var all = RunObservations()
    private var byLocation: [String: RunObservations] = [:]
    private var baseline: [ProbeKey: [Double]]?
    private var prometheus: PrometheusReadings?

    /// Adds one result; results must come in finishing order.
    mutating func add(_ result: ProbeResult) {
        all.add(result)
        if let location = result.location { byLocation[location, default: RunObservations()].add(result) }
    }

    /// What `location` observed; empty for a location that recorded nothing.
    func at(_ location: String) -> RunObservations {
        byLocation[location] ?? shared(RunObservations())
    }

    /// Gives every view the run's baseline and Prometheus answers, which belong to no one location.
    mutating func share(baseline: [ProbeKey: [Double]]?, prometheus: PrometheusReadings?) {
        self.baseline = baseline
        self.prometheus = prometheus
        all = shared(all)
        byLocation = byLocation.mapValues(shared)
    }

    private func shared(_ read: RunObservations) -> RunObservations {
        var read = read
        read.observations.baseline = baseline
        read.observations.prometheus = prometheus
        return read
    }
}
