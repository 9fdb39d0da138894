import Foundation

/// HubSpot's timestamps: ISO 8601 UTC with milliseconds, e.g. `2024-05-01T09:30:00.123Z`.
enum HubSpotTimestamp {
    private static let withFraction = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
    private static let withoutFraction = Date.ISO8601FormatStyle()

    /// The text of a time in milliseconds since 1970.
    static func text(milliseconds: Int64) -> String {
        Date(timeIntervalSince1970: Double(milliseconds) / 1000).formatted(withFraction)
    }

    /// Milliseconds since 1970 now.
    static func nowMilliseconds() -> Int64 {
        Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
    }

    /// Milliseconds since 1970 of a property value or filter value: a number of ms, an ISO date-time or a date.
    static func milliseconds(_ text: String) -> Double? {
        if let number = Double(text) { return number }
        if let date = try? withFraction.parse(text) { return date.timeIntervalSince1970 * 1000 }
        if let date = try? withoutFraction.parse(text) { return date.timeIntervalSince1970 * 1000 }
        if text.count == 10, let date = try? withoutFraction.parse(text + "T00:00:00Z") {
            return date.timeIntervalSince1970 * 1000
        }
        return nil
    }
}
