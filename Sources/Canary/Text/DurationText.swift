import Foundation
import Probes

/// Reads and writes durations the way plans spell them: `250ms`, `30s`, `5m`, `2h`, `1m30s`.
public enum DurationText {
    private static let units: [(suffix: String, seconds: Double)] = [
        ("ms", 0.001), ("h", 3600), ("m", 60), ("s", 1),
    ]

    /// Parses a duration; nil when the text is not one.
    public static func parse(_ text: String) -> Duration? {
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        guard !rest.isEmpty else { return nil }
        var total = 0.0
        while !rest.isEmpty {
            let number = rest.prefix { $0.isNumber || $0 == "." }
            guard !number.isEmpty, let value = Double(number) else { return nil }
            rest = rest.dropFirst(number.count)
            guard let unit = units.first(where: { rest.hasPrefix($0.suffix) }) else { return nil }
            rest = rest.dropFirst(unit.suffix.count)
            total += value * unit.seconds
        }
        return .milliseconds(Int64((total * 1000).rounded()))
    }

    /// Formats a duration compactly: `90s` → `1m30s`, `0.25s` → `250ms`.
    public static func format(_ duration: Duration) -> String {
        let milliseconds = Int64((duration.seconds * 1000).rounded())
        if milliseconds == 0 { return "0s" }
        if milliseconds % 1000 != 0 && milliseconds < 60_000 {
            return milliseconds < 1000 ? "\(milliseconds)ms" : String(format: "%.3gs", Double(milliseconds) / 1000)
        }
        var seconds = milliseconds / 1000
        var text = ""
        if seconds >= 3600 { text += "\(seconds / 3600)h"; seconds %= 3600 }
        if seconds >= 60 { text += "\(seconds / 60)m"; seconds %= 60 }
        if seconds > 0 { text += "\(seconds)s" }
        return text
    }
}
