/// The type a `# TYPE` line declares for a metric family.
public enum MetricType: String, Sendable {
    /// A monotonically increasing count (`X` or `X_total`).
    case counter
    /// A value that can go up and down.
    case gauge
    /// Cumulative buckets `X_bucket{le=…}` plus `X_sum` and `X_count`.
    case histogram
    /// Quantiles `X{quantile=…}` plus `X_sum` and `X_count`.
    case summary
    /// No `# TYPE` line, or one saying `untyped`.
    case untyped
}

/// A metric family: its name, declared type, help text and all the samples that belong to it.
public struct MetricFamily: Sendable, Equatable {
    /// The family name from `# TYPE`/`# HELP`, or the sample name for an undeclared family.
    public var name: String
    /// The declared type; `untyped` when no `# TYPE` line was given.
    public var type: MetricType
    /// The unescaped `# HELP` text, if any.
    public var help: String?
    /// The family's samples in exposition order (for histograms and summaries including `_sum`/`_count`).
    public var samples: [MetricSample]

    /// Creates a family.
    public init(name: String, type: MetricType, help: String? = nil, samples: [MetricSample] = []) {
        self.name = name
        self.type = type
        self.help = help
        self.samples = samples
    }
}
