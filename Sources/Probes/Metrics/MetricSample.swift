/// One sample line of an exposition: a series name, its labels and a value.
public struct MetricSample: Sendable, Hashable {
    /// The series name as written on the sample line, e.g. `http_request_duration_seconds_bucket`.
    public var name: String
    /// The sample's labels, unescaped.
    public var labels: [String: String]
    /// The sample value; may be NaN or ±infinity.
    public var value: Double
    /// The optional timestamp, in milliseconds since the Unix epoch.
    public var timestampMilliseconds: Int64?

    /// Creates a sample.
    public init(name: String, labels: [String: String], value: Double, timestampMilliseconds: Int64? = nil) {
        self.name = name
        self.labels = labels
        self.value = value
        self.timestampMilliseconds = timestampMilliseconds
    }

    /// Canonical series key: `name{a="x",b="y"}`, labels sorted by name, values escaped; just `name` if unlabelled.
    public var seriesKey: String {
        guard !labels.isEmpty else { return name }
        var key = name
        key.append("{")
        for (index, label) in labels.sorted(by: { $0.key < $1.key }).enumerated() {
            if index > 0 { key.append(",") }
            key.append(label.key)
            key.append("=\"")
            for scalar in label.value.unicodeScalars {
                switch scalar {
                case "\\": key.append("\\\\")
                case "\"": key.append("\\\"")
                case "\n": key.append("\\n")
                default: key.unicodeScalars.append(scalar)
                }
            }
            key.append("\"")
        }
        key.append("}")
        return key
    }
}
