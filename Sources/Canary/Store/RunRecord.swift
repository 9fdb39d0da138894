import Foundation

/// One run as the database holds it.
public struct RunRecord: Sendable, Equatable {
    /// How a run met its target.
    public enum Mode: String, Sendable, Codable {
        /// Against a deployment named by URL.
        case target
        /// Against the bundled fakes, started in process; a resume starts them anew.
        case fake
    }

    public var id: String
    public var planName: String
    public var planPath: String
    /// The plan's YAML text, so the run can be judged and reported without the file.
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
    public var reasons: [Reason]
    public var mode: Mode
    /// Real seconds since the start (on the run's own clock) that the run reached when it ended.
    public var reach: Double?
    /// The process recording the run, and its host, so a resume can tell a live run from a killed one.
    public var runnerPID: Int32?
    public var runnerHost: String?
    /// How the run verified the target's TLS when not the default, e.g. "certificates NOT verified …".
    public var tls: String?

    public init(
        id: String, planName: String, planPath: String, planSource: String, target: String, speed: Double,
        faults: String?, harnessVersion: String, startedAt: Date, endedAt: Date?, end: RunEnd, decision: Decision?,
        reasons: [Reason], mode: Mode = .target, reach: Double? = nil, runnerPID: Int32? = nil, runnerHost: String? = nil,
        tls: String? = nil
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
        self.mode = mode
        self.reach = reach
        self.runnerPID = runnerPID
        self.runnerHost = runnerHost
        self.tls = tls
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

/// One stretch of a run recorded by one process: the first from the start, each resume another.
public struct RunSegment: Sendable, Equatable, Codable {
    /// 0 for the first, 1 for the first resume, …
    public var position: Int
    /// Wall-clock start of the segment.
    public var startedAt: Date
    /// Real seconds since the run began (on the run's own clock) where the segment starts.
    public var fromSeconds: Double
    /// Wall-clock seconds nothing watched the target before this segment began; 0 for the first.
    public var gapSeconds: Double
    /// The URL probed in this segment (a resumed fake run gets new loopback ports).
    public var target: String

    public init(position: Int, startedAt: Date, fromSeconds: Double, gapSeconds: Double, target: String) {
        self.position = position
        self.startedAt = startedAt
        self.fromSeconds = fromSeconds
        self.gapSeconds = gapSeconds
        self.target = target
    }
}
