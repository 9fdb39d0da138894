/// What a finished run hands back to its caller.
public struct RunSummary: Sendable {
    public var runID: String
    public var end: RunEnd
    public var outcome: DecisionOutcome
    /// Folder holding the run's reports.
    public var reportFolder: String
    public var attempts: Int
    /// The run's speed, to show plan times in its reasons.
    public var speed: Double

    /// The decision's reasons as the CLI prints them: the first few, then how many more.
    public var headline: [String] { ReasonText.headline(outcome.reasons, speed: speed) }
}
