import Foundation

/// HubSpot's timestamps: ISO 8601 UTC with milliseconds, e.g. `2024-05-01T09:30:00.123Z`.
enum HubSpotTimestamp {
    private static let withFraction = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
    private static let withoutFraction = Date.ISO8601FormatStyle()

    /// The text of a time in milliseconds since 1970, computed directly (civil-from-days) because it runs
    /// on every write.
    static func text(milliseconds: Int64) -> String {
        let (days, dayMilliseconds) = milliseconds.quotientAndRemainder(dividingBy: 86_400_000)
        let (dayCount, inDay) = dayMilliseconds < 0 ? (days - 1, dayMilliseconds + 86_400_000) : (days, dayMilliseconds)
        let z = dayCount + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        var text = ""
        text.reserveCapacity(24)
        text += pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T"
        text += pad(inDay / 3_600_000, 2) + ":" + pad(inDay / 60_000 % 60, 2) + ":" + pad(inDay / 1000 % 60, 2)
        text += "." + pad(inDay % 1000, 3) + "Z"
        return text
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
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
