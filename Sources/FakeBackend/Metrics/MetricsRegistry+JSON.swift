import FakeSupport

extension MetricsRegistry {
    /// Counters and gauges as a JSON object of counts, the way some deployments expose metrics:
    /// unlabelled series as numbers, labelled ones as objects keyed by their first label's value.
    /// Histograms are left out, as such endpoints leave them out.
    public func renderJSON() -> JSONValue {
        var output: [String: JSONValue] = [:]
        for family in families() where family.kind != .histogram {
            var perLabel: [String: JSONValue] = [:]
            for labels in family.order {
                guard case .scalar(let value) = family.values[labels] else { continue }
                if let first = labels.pairs.first {
                    perLabel[first.value] = .number(value + (perLabel[first.value]?.number ?? 0))
                } else {
                    output[family.name] = .number(value)
                }
            }
            if !perLabel.isEmpty { output[family.name] = .object(perLabel) }
        }
        return .object(output)
    }
}
