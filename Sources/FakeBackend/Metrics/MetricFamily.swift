/// One metric family: its name, help, type and the current value of each series.
struct MetricFamily: Sendable {
    /// Prometheus metric types this registry writes.
    enum Kind: String, Sendable {
        case counter, gauge, histogram
    }

    /// The value of one series.
    enum Value: Sendable {
        case scalar(Double)
        case histogram(HistogramValue)
    }

    let name: String
    let help: String
    let kind: Kind
    let buckets: [Double]
    private(set) var order: [MetricLabels] = []
    private(set) var values: [MetricLabels: Value] = [:]

    init(name: String, help: String, kind: Kind, buckets: [Double] = []) {
        self.name = name
        self.help = help
        self.kind = kind
        self.buckets = buckets
    }

    /// Creates the series at zero if it does not exist yet.
    mutating func touch(_ labels: MetricLabels) {
        guard values[labels] == nil else { return }
        order.append(labels)
        values[labels] = kind == .histogram ? .histogram(HistogramValue(bounds: buckets)) : .scalar(0)
    }

    mutating func add(_ amount: Double, to labels: MetricLabels) {
        touch(labels)
        if case .scalar(let current) = values[labels] { values[labels] = .scalar(current + amount) }
    }

    mutating func set(_ value: Double, for labels: MetricLabels) {
        touch(labels)
        values[labels] = .scalar(value)
    }

    mutating func observe(_ value: Double, for labels: MetricLabels) {
        touch(labels)
        if case .histogram(var histogram) = values[labels] {
            histogram.observe(value)
            values[labels] = .histogram(histogram)
        }
    }
}
