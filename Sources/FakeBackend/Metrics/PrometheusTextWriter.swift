/// Writes metric families in the Prometheus text exposition format, version 0.0.4.
struct PrometheusTextWriter {
    /// The content type of what this writer produces.
    static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    private(set) var output = ""

    mutating func write(_ family: MetricFamily) {
        output += "# HELP \(family.name) \(Self.escapeHelp(family.help))\n"
        output += "# TYPE \(family.name) \(family.kind.rawValue)\n"
        for labels in family.order {
            switch family.values[labels] {
            case .scalar(let value):
                line(family.name, labels, Self.format(value))
            case .histogram(let histogram):
                for (bound, count) in zip(histogram.bounds, histogram.cumulativeCounts) {
                    line(family.name + "_bucket", labels.appending("le", Self.format(bound)), String(count))
                }
                line(family.name + "_bucket", labels.appending("le", "+Inf"), String(histogram.count))
                line(family.name + "_sum", labels, Self.format(histogram.sum))
                line(family.name + "_count", labels, String(histogram.count))
            case nil:
                break
            }
        }
    }

    private mutating func line(_ name: String, _ labels: MetricLabels, _ value: String) {
        output += name
        if !labels.pairs.isEmpty {
            output += "{"
            output += labels.pairs.map { "\($0.name)=\"\(Self.escapeLabelValue($0.value))\"" }.joined(separator: ",")
            output += "}"
        }
        output += " \(value)\n"
    }

    /// Formats a sample value: integers without a fraction, others in their shortest exact form.
    static func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }

    private static func escapeHelp(_ text: String) -> String {
        text.replacing("\\", with: "\\\\").replacing("\n", with: "\\n")
    }

    private static func escapeLabelValue(_ text: String) -> String {
        text.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"").replacing("\n", with: "\\n")
    }
}
