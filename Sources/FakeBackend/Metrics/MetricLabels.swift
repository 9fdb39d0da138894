/// An ordered set of label names and values identifying one series of a metric family.
public struct MetricLabels: Sendable, Hashable, ExpressibleByDictionaryLiteral {
    /// The label pairs in the order they are written.
    public let pairs: [Pair]

    /// One label name and its value.
    public struct Pair: Sendable, Hashable {
        /// The label name.
        public let name: String
        /// The label value.
        public let value: String
    }

    /// No labels.
    public static let none = MetricLabels(pairs: [])

    /// Creates labels from pairs kept in the given order.
    public init(_ pairs: [(String, String)]) {
        self.pairs = pairs.map { Pair(name: $0.0, value: $0.1) }
    }

    /// Creates labels from a literal, kept in the written order.
    public init(dictionaryLiteral elements: (String, String)...) {
        self.init(elements)
    }

    private init(pairs: [Pair]) {
        self.pairs = pairs
    }

    /// These labels with one more pair at the end.
    func appending(_ name: String, _ value: String) -> MetricLabels {
        MetricLabels(pairs: pairs + [Pair(name: name, value: value)])
    }
}
