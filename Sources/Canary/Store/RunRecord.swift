import Foundation

/// One run as the database holds it.
public struct RunRecord: Sendable, Equatable {
    public var id: String
    public var planName: String
    public var planPath: String
    /// The plan's YAML text, so gates and phases can be shown without the file.
    public var planSource: String
    public var target: String
    public var speed: Double
    /// The fault plan the fakes ran with, if any.
    public var faults: String?
    public var harnessVersion: String
    /// Wall-clock start.
    public var startedAt: Date
    public var endedAt: Date?
    public var end: RunEnd
    public var decision: Decision?
    public var reasons: [String]

    public init(
        id: String, planName: String, planPath: String, planSource: String, target: String, speed: Double,
        faults: String?, harnessVersion: String, startedAt: Date, endedAt: Date?, end: RunEnd, decision: Decision?,
        reasons: [String]
    ) {
        self.id = id
        self.planName = planName
        self.planPath = planPath
        self.planSource = planSource
        self.target = target
        self.speed = speed
        self.faults = faults
        self.harnessVersion = harnessVersion
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.end = end
        self.decision = decision
        self.reasons = reasons
    }

    /// A new run id: start time plus a random suffix, e.g. `20261129-101530-7f3a`.
    public static func newID(at date: Date = Date()) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        return "\(formatter.string(from: date))-" + String(format: "%04x", UInt16.random(in: .min ... .max))
    }
}
