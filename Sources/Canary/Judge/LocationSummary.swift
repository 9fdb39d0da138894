import Foundation

/// How one location of a run recorded from several fared, for the decision and every report.
public struct LocationSummary: Sendable, Equatable, Codable {
    /// Whether the location played its timeline to the end, went silent, or was still recording when judged.
    public enum State: String, Sendable, Codable {
        case finished
        /// It stopped reporting for longer than ``RunLocation/silenceLimit(_:speed:)``, or never reported.
        case silent
        case recording
    }

    public var name: String
    /// The host of its runner; nil for a location the plan lists that never joined.
    public var host: String?
    /// The URL it probed.
    public var target: String?
    public var attempts: Int
    public var failed: Int
    /// Real seconds since the run began of its last sign of life (result or heartbeat); nil when it never reported.
    public var lastSeen: Double?
    public var state: State

    /// The summaries of `names`, from what each joined with and recorded, judged at `reach`.
    static func of(
        _ names: [String], joined: [RunLocation], read: LocatedObservations, reach: Double, limit: Double
    ) -> [LocationSummary] {
        names.map { name in
            let observed = read.at(name)
            guard let location = joined.first(where: { $0.name == name }) else {
                return LocationSummary(
                    name: name, host: nil, target: nil, attempts: observed.attempts, failed: observed.failed,
                    lastSeen: nil, state: .silent)
            }
            let lastSeen = max(location.lastSeen, observed.attempts > 0 ? observed.reach : 0)
            let state: State =
                location.finishedAt != nil ? .finished : reach - lastSeen > limit ? .silent : .recording
            return LocationSummary(
                name: name, host: location.runnerHost, target: location.target, attempts: observed.attempts,
                failed: observed.failed, lastSeen: lastSeen, state: state)
        }
    }
}

extension RunLocation {
    /// Real seconds between a runner's signs of life while it records.
    public static let heartbeatInterval = 2.0

    /// Whether its runner still records: not finished, and heard from within `limit` seconds of `now` (real
    /// seconds on the run's clock).
    public func isLive(at now: Double, limit: Double) -> Bool {
        finishedAt == nil && now - lastSeen <= limit
    }

    /// Real seconds of silence after which a location counts as gone: the plan's shortest alert window (a
    /// location blind for longer could miss a whole alert), and never less than three heartbeats.
    public static func silenceLimit(_ plan: Plan, speed: Double) -> Double {
        max(3 * heartbeatInterval, (plan.shortestAlertWindow ?? 0) / speed)
    }
}
