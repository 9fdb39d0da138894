/// What a condition's number measures, so that every report can say `4.8 ms`, `< 2 s` or `99 %`.
///
/// JSON reports keep raw numbers (seconds, fractions, counts) and name the unit beside them.
public enum QuantityUnit: String, Sendable, Codable, Equatable {
    /// Durations, in seconds.
    case seconds
    /// Fractions of 1, shown as percentages.
    case ratio
    /// Whole numbers of things: attempts, errors, rate-limit hits.
    case count
    /// Sizes, in bytes.
    case bytes

    /// The unit Prometheus naming conventions give a metric: `_seconds`, `_bytes`, `_ratio`, `_total`.
    public static func fromName(_ name: String) -> QuantityUnit? {
        let base = name.hasSuffix("_total") ? String(name.dropLast(6)) : name
        if base.hasSuffix("_seconds") { return .seconds }
        if base.hasSuffix("_bytes") { return .bytes }
        if base.hasSuffix("_ratio") { return .ratio }
        return name.hasSuffix("_total") ? .count : nil
    }
}

/// Numbers with their units, as people read them: `4.8 ms`, `2 s`, `99.5 %`, `3`, `1.2 MiB`.
public enum QuantityText {
    /// `value` in `unit`, to three significant digits.
    public static func format(_ value: Double, _ unit: QuantityUnit?) -> String {
        guard value.isFinite else { return NumberText.format(value) }
        switch unit {
        case .seconds: return seconds(value)
        case .ratio: return short(value * 100) + " %"
        case .bytes: return bytes(value)
        case .count, nil: return NumberText.format(value)
        }
    }

    /// A threshold as written: the comparison and the number with its unit, e.g. `< 2 s`.
    public static func threshold(_ comparison: Comparison, _ value: Double, _ unit: QuantityUnit?) -> String {
        "\(comparison.rawValue) \(format(value, unit))"
    }

    /// A latency in seconds: `250 µs`, `4.8 ms`, `1.25 s`; `–` for none.
    public static func latency(_ seconds: Double?) -> String {
        seconds.map { format($0, .seconds) } ?? "–"
    }

    private static func seconds(_ value: Double) -> String {
        let magnitude = abs(value)
        if magnitude == 0 { return "0 s" }
        if magnitude < 0.001 { return short(value * 1e6) + " µs" }
        if magnitude < 1 { return short(value * 1000) + " ms" }
        return short(value) + " s"
    }

    private static func bytes(_ value: Double) -> String {
        let units = ["B", "KiB", "MiB", "GiB"]
        var scaled = value
        var index = 0
        while abs(scaled) >= 1024, index < units.count - 1 {
            scaled /= 1024
            index += 1
        }
        return short(scaled) + " " + units[index]
    }

    /// Three significant digits, trailing zeros dropped: `4.8`, `99.5`, `120`.
    static func short(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        var text = String(format: "%.3g", value)
        if text.contains(".") && !text.contains("e") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }
}
