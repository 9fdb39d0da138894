/// A failure a person can act on: what went wrong and what to try next.
public struct CanaryError: Error, Sendable, CustomStringConvertible {
    /// Stable kind of failure, safe to store or count; carries no values.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case planUnreadable, noTarget, runNotFound, storeFailed, faultPlanInvalid, usage, storedPlanInvalid
            case resultsLost, runNotResumable
        }
        private let base: Base
        public var description: String { base.rawValue }

        /// The plan file could not be read.
        public static let planUnreadable = Code(base: .planUnreadable)
        /// No target URL was given.
        public static let noTarget = Code(base: .noTarget)
        /// A run id is not in the database.
        public static let runNotFound = Code(base: .runNotFound)
        /// The database could not be opened or written.
        public static let storeFailed = Code(base: .storeFailed)
        /// A fault plan is not valid.
        public static let faultPlanInvalid = Code(base: .faultPlanInvalid)
        /// The plan stored with a run no longer loads.
        public static let storedPlanInvalid = Code(base: .storedPlanInvalid)
        /// Results of a run could not be saved.
        public static let resultsLost = Code(base: .resultsLost)
        /// A run cannot be resumed: it ended, or another process still records it.
        public static let runNotResumable = Code(base: .runNotResumable)
        /// The command line is not valid.
        public static let usage = Code(base: .usage)
    }

    /// What kind of failure.
    public let code: Code
    /// What went wrong, as a sentence without secrets or payloads.
    public let message: String
    /// What to try next.
    public let hint: String?

    public var description: String { hint.map { "\(message)\n  hint: \($0)" } ?? message }

    public static func planUnreadable(_ path: String) -> Self {
        .init(
            code: .planUnreadable, message: "Cannot read the plan file \(path).",
            hint: "Check the path; scenarios/pilot.yaml is the default plan.")
    }

    public static func noTarget() -> Self {
        .init(
            code: .noTarget, message: "No target to probe.",
            hint: "Pass --target URL, set BACKEND_URL, set target.backend_url in the plan, or use --fake.")
    }

    public static func runNotFound(_ id: String, database: String) -> Self {
        .init(
            code: .runNotFound, message: "There is no run \(id) in \(database).",
            hint: "`canary list --db \(database)` shows the runs it holds.")
    }

    public static func storeFailed(
        _ path: String, _ error: any Error, hint: String = "Check that its folder exists and is writable, or pass another --db."
    ) -> Self {
        .init(code: .storeFailed, message: "Cannot use the database \(path): \(error).", hint: hint)
    }

    public static func storedPlanInvalid(_ runID: String, version: String, _ invalid: PlanInvalid) -> Self {
        .init(
            code: .storedPlanInvalid,
            message: "The plan stored with run \(runID) (recorded by canary \(version)) does not load with canary "
                + "\(CanaryVersion.current), so the run cannot be judged: \(invalid.description)",
            hint: "Judge it with canary \(version), which recorded it; its report files from then are still valid.")
    }

    /// Results that could not be saved by the end of a run: the decision would rest on less than was observed.
    public static func resultsLost(_ count: Int, of total: Int, database: String, _ error: String) -> Self {
        .init(
            code: .resultsLost,
            message: "\(count) of \(total) probe results could not be saved to \(database) (\(error)), "
                + "so the run is not judged: a decision from the saved part could differ from what was observed.",
            hint: "Free disk space or fix the database's permissions, then `canary resume` the run to record the rest.")
    }

    public static func runNotResumable(_ runID: String, _ why: String, hint: String) -> Self {
        .init(code: .runNotResumable, message: "Run \(runID) cannot be resumed: \(why).", hint: hint)
    }

    /// A command-line usage problem.
    public static func usage(_ message: String, hint: String? = nil) -> Self {
        .init(code: .usage, message: message, hint: hint)
    }
}
