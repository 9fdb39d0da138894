/// A finished outcome thrown from inside a probe's helpers; ``probeAttempt(_:)`` turns it back into the outcome.
public struct ProbeFailure: Error, Sendable {
    /// The outcome the attempt ends with.
    public let outcome: ProbeOutcome

    /// Wraps an outcome.
    public init(_ outcome: ProbeOutcome) { self.outcome = outcome }

    /// A failure for the given reason.
    public static func fail(_ errorClass: ErrorClass, _ detail: String) -> Self { .init(.fail(errorClass, detail)) }

    /// The harness lacks what the attempt needs; the attempt is unverified, not failed.
    public static func unverified(_ detail: String) -> Self { .init(.unverified(detail)) }

    /// A finding that proves the release broken.
    public static func brokenRelease(_ finding: String) -> Self { .init(.brokenRelease(finding)) }
}
