import Foundation

/// Zoho's datetime text: ISO 8601 with an offset, e.g. `2024-01-15T15:26:49+00:00`.
enum ZohoClock {
    /// The current time as Zoho writes it.
    static func now() -> String { format(Date()) }

    /// Formats a date in UTC with a `+00:00` offset.
    static func format(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        var text = formatter.string(from: date)
        if text.hasSuffix("Z") { text.removeLast() }
        return text + "+00:00"
    }

    /// Parses ISO 8601 with `Z` or an offset; nil when the text is not a datetime.
    static func parse(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }
}
