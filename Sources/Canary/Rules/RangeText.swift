/// Formats ranges as plans write them.
enum RangeText {
    static func format(_ range: Range) -> String {
        switch range {
        case .run: "run"
        case .last(let duration): DurationText.format(duration)
        }
    }
}
