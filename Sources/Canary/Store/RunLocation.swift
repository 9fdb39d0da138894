import Foundation

/// One runner process recording into a run from a named location, e.g. `eu-west`.
///
/// Several runners, on different machines, can record one run into one database: the first starts it with
/// `canary run --location NAME`, the others join with `--join RUN_ID --location NAME`. Each result carries its
/// location; the runners need nothing but the database to agree on who decides (see ``RunStore/claimDecision``).
public struct RunLocation: Sendable, Equatable, Codable {
    public var name: String
    /// The process recording from there, and its host.
    public var runnerPID: Int32?
    public var runnerHost: String?
    /// The URL this location probes: the same deployment, reached the way this location reaches it.
    public var target: String
    /// Wall-clock time it joined.
    public var joinedAt: Date
    /// Real seconds since the run began (on the run's clock) where it started probing.
    public var fromSeconds: Double
    /// Real seconds since the run began when the runner last said it was alive.
    public var lastSeen: Double
    /// Real seconds since the run began when it played its timeline to the end; nil while it has not.
    public var finishedAt: Double?

    public init(
        name: String, runnerPID: Int32?, runnerHost: String?, target: String, joinedAt: Date, fromSeconds: Double,
        lastSeen: Double, finishedAt: Double? = nil
    ) {
        self.name = name
        self.runnerPID = runnerPID
        self.runnerHost = runnerHost
        self.target = target
        self.joinedAt = joinedAt
        self.fromSeconds = fromSeconds
        self.lastSeen = lastSeen
        self.finishedAt = finishedAt
    }

    /// Checks a location name: letters, digits, `-`, `_` and `.`, at most 64 characters, so it reads in reports and
    /// in conditions such as `probe_failures(*{location="eu-west"}[10m])`.
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 64
            && name.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || "-_.".unicodeScalars.contains($0) }
    }
}
