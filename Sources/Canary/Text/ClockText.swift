import Foundation

/// Formats run offsets as plan time (`m:ss` into the plan).
public enum ClockText {
    /// Real seconds since the start, shown in plan time: `t+14m05s`.
    public static func format(_ seconds: Double, speed: Double) -> String {
        let plan = Int((seconds * speed).rounded())
        return String(format: "t+%dm%02ds", plan / 60, plan % 60)
    }
}
