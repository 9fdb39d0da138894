/// One synthetic check against the target.
///
/// A probe makes one attempt and reports what it saw. It throws only for harness faults
/// (a bug or a cancelled run); everything the target does wrong comes back as a failed
/// ``ProbeOutcome`` with an ``ErrorClass``, because target faults are data.
///
/// ```swift
/// let outcome = await HealthProbe().run(in: context)
/// if !outcome.passed { print(outcome.errorClass!, outcome.detail) }
/// ```
public protocol Probe: Sendable {
    /// Stable dotted identifier used in plans, logs and the database, e.g. `crm.health`.
    var id: String { get }
    /// The provider this instance exercises, if it is per provider.
    var provider: String? { get }
    /// One attempt against the target.
    func run(in context: ProbeContext) async throws -> ProbeOutcome
}

extension Probe {
    /// Most probes are not per provider.
    public var provider: String? { nil }
}
