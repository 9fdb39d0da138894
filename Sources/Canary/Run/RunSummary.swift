/// What a finished run hands back to its caller.
public struct RunSummary: Sendable {
    public var runID: String
    public var end: RunEnd
    public var outcome: DecisionOutcome
    /// Folder holding the run's reports.
    public var reportFolder: String
    public var attempts: Int
}
