/// One rollback step as executed: what ran, how it ended, and what it printed (secrets redacted).
public struct RollbackStepRecord: Sendable, Equatable, Codable {
    /// How a step ended.
    public enum Outcome: String, Sendable, Codable {
        /// Exit status 0, or an HTTP 2xx answer.
        case succeeded
        /// Any other exit status or HTTP answer, or the step could not start.
        case failed
        /// It ran past its timeout and was stopped.
        case timedOut = "timed-out"
    }

    /// 1-based position in the plan's `rollback:` list.
    public var position: Int
    public var name: String
    /// The runbook line: `$ railway rollback` or `POST /crm/admin/pause-sync?…`.
    public var action: String
    public var timeoutSeconds: Double
    public var outcome: Outcome
    /// The process exit status, or the HTTP status code; nil when it never finished.
    public var exitStatus: Int?
    /// Standard output and error (or the HTTP body), truncated, secrets redacted.
    public var output: String
    public var durationSeconds: Double

    public init(
        position: Int, name: String, action: String, timeoutSeconds: Double, outcome: Outcome, exitStatus: Int?,
        output: String, durationSeconds: Double
    ) {
        self.position = position
        self.name = name
        self.action = action
        self.timeoutSeconds = timeoutSeconds
        self.outcome = outcome
        self.exitStatus = exitStatus
        self.output = output
        self.durationSeconds = durationSeconds
    }
}
