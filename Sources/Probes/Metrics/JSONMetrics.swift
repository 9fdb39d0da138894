import Foundation

/// Metrics served as a JSON object: `{"dlq_size": 0, "crm_sync_errors_total": {"hubspot": 1}}`.
public enum JSONMetrics {
    /// Each number becomes an unlabelled sample; each object of numbers becomes samples labelled `provider=<key>`.
    /// - Throws: when the body is not a JSON object.
    public static func samples(from bytes: some Sequence<UInt8>) throws -> [MetricSample] {
        guard let object = JSONBytes.decode(bytes) as? [String: Any] else { throw NotAnObject() }
        var samples: [MetricSample] = []
        for (name, value) in object.sorted(by: { $0.key < $1.key }) {
            if let number = value as? NSNumber {
                samples.append(MetricSample(name: name, labels: [:], value: number.doubleValue))
            } else if let nested = value as? [String: Any] {
                for (provider, inner) in nested.sorted(by: { $0.key < $1.key }) {
                    guard let number = inner as? NSNumber else { continue }
                    samples.append(MetricSample(name: name, labels: ["provider": provider], value: number.doubleValue))
                }
            }
        }
        return samples
    }

    /// The body is not a JSON object.
    public struct NotAnObject: Error, CustomStringConvertible {
        public var description: String { "the body is not a JSON object" }
    }
}
