import Foundation

/// Replaces every known secret value in text with `<redacted>`, so hook output can be stored and shown.
public struct SecretRedactor: Sendable {
    private let values: [String]

    /// Redacts these values; empty and very short values are ignored (they would redact ordinary text).
    public init(_ values: [String]) {
        self.values = values.filter { $0.count >= 4 }.sorted { $0.count > $1.count }
    }

    /// The text with each secret value replaced.
    public func redact(_ text: String) -> String {
        values.reduce(text) { $0.replacingOccurrences(of: $1, with: "<redacted>") }
    }
}
