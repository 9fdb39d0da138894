extension QuantityUnit {
    /// The unit of a query's value; nil when nothing says (a plain gauge such as `dlq_size`).
    public static func of(_ query: Query) -> QuantityUnit? {
        switch query {
        case .probeQuantile: .seconds
        case .probeSuccessRatio: .ratio
        case .probeFailures, .latencyRegressions: .count
        case .histogramQuantile(_, let selector, _): fromName(selector.name)
        case .increase(let selector, _): fromName(selector.name) == .seconds ? .seconds : .count
        case .latest(let selector), .overTime(_, let selector, _): fromName(selector.name)
        }
    }
}
