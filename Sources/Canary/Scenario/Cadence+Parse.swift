import Foundation

extension Cadence {
    /// Reads `30s` (every 30 seconds), `6/m` (six a minute) or `once`; nil when it is none of these.
    public static func parse(_ text: String) -> Cadence? {
        let text = text.trimmingCharacters(in: .whitespaces)
        if text == "once" { return .once }
        if let slash = text.firstIndex(of: "/") {
            guard let count = Double(text[..<slash]), count > 0,
                let unit = DurationText.parse("1" + text[text.index(after: slash)...])
            else { return nil }
            return .every(unit / count)
        }
        guard let interval = DurationText.parse(text), interval > .zero else { return nil }
        return .every(interval)
    }

    /// The cadence as plans spell it.
    public var text: String {
        switch self {
        case .once: "once"
        case .every(let interval): "every \(DurationText.format(interval))"
        }
    }
}
