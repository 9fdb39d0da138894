import Synchronization

/// A small thread-safe store of counters, gauges and histograms that renders Prometheus text.
public final class MetricsRegistry: Sendable {
    private struct Storage: Sendable {
        var order: [String] = []
        var families: [String: MetricFamily] = [:]
    }

    private let storage = Mutex(Storage())

    /// Creates an empty registry.
    public init() {}

    /// Declares a counter family and creates each listed series at zero.
    public func declareCounter(_ name: String, help: String, series: [MetricLabels] = [.none]) {
        declare(MetricFamily(name: name, help: help, kind: .counter), series: series)
    }

    /// Declares a gauge family and creates each listed series at zero.
    public func declareGauge(_ name: String, help: String, series: [MetricLabels] = [.none]) {
        declare(MetricFamily(name: name, help: help, kind: .gauge), series: series)
    }

    /// Declares a histogram family with bucket upper bounds and creates each listed series empty.
    public func declareHistogram(_ name: String, help: String, buckets: [Double], series: [MetricLabels] = [.none]) {
        declare(MetricFamily(name: name, help: help, kind: .histogram, buckets: buckets), series: series)
    }

    /// Adds `amount` to a counter or gauge series.
    public func increment(_ name: String, _ labels: MetricLabels = .none, by amount: Double = 1) {
        update(name) { $0.add(amount, to: labels) }
    }

    /// Sets a gauge series.
    public func set(_ name: String, _ labels: MetricLabels = .none, to value: Double) {
        update(name) { $0.set(value, for: labels) }
    }

    /// Records one observation in a histogram series.
    public func observe(_ name: String, _ labels: MetricLabels = .none, _ value: Double) {
        update(name) { $0.observe(value, for: labels) }
    }

    /// The current value of a counter or gauge series, or nil when it does not exist.
    public func value(_ name: String, _ labels: MetricLabels = .none) -> Double? {
        storage.withLock { storage in
            guard case .scalar(let value) = storage.families[name]?.values[labels] else { return nil }
            return value
        }
    }

    /// The current state of a histogram series, or nil when it does not exist.
    public func histogram(_ name: String, _ labels: MetricLabels = .none) -> HistogramValue? {
        storage.withLock { storage in
            guard case .histogram(let value) = storage.families[name]?.values[labels] else { return nil }
            return value
        }
    }

    /// Every family in declaration order, in Prometheus text exposition format 0.0.4.
    public func render() -> String {
        let families = families()
        var writer = PrometheusTextWriter()
        for family in families { writer.write(family) }
        return writer.output
    }

    /// Every family in declaration order.
    func families() -> [MetricFamily] {
        storage.withLock { storage in storage.order.compactMap { storage.families[$0] } }
    }

    private func declare(_ family: MetricFamily, series: [MetricLabels]) {
        storage.withLock { storage in
            if storage.families[family.name] == nil {
                storage.order.append(family.name)
                storage.families[family.name] = family
            }
            for labels in series { storage.families[family.name]?.touch(labels) }
        }
    }

    private func update(_ name: String, _ change: (inout MetricFamily) -> Void) {
        storage.withLock { storage in
            guard var family = storage.families[name] else {
                preconditionFailure("metric \(name) used before it was declared")
            }
            change(&family)
            storage.families[name] = family
        }
    }
}
