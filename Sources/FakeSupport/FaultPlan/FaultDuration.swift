/// Parses durations written as a number and a unit: `250ms`, `3s`, `1.5s`, `10m`, `2h`.
package enum FaultDuration {
    /// The units accepted, for hints.
    package static let unitsList = "ms, s, m or h, e.g. 250ms, 3s, 10m, 2h"

    package static func parse(_ text: String) -> Duration? {
        let text = text.trimmingCharacters(in: " ")
        let units: [(suffix: String, seconds: Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
        for unit in units where text.hasSuffix(unit.suffix) {
            let number = text.dropLast(unit.suffix.count)
            guard !number.isEmpty, number.allSatisfy({ $0.isNumber || $0 == "." }), let value = Double(number),
                value.isFinite, value >= 0
            else { return nil }
            return .seconds(value * unit.seconds)
        }
        return nil
    }

    /// A duration in whole milliseconds, e.g. `1500ms`, which ``parse(_:)`` reads back.
    package static func text(_ duration: Duration) -> String {
        let milliseconds = Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) * 1e-15
        return JSONValue.numberText((milliseconds * 1000).rounded() / 1000) + "ms"
    }
}

extension String {
    fileprivate func trimmingCharacters(in character: Character) -> String {
        String(drop { $0 == character }.reversed().drop { $0 == character }.reversed())
    }
}
