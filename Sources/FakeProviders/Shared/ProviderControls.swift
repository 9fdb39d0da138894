import FakeSupport

/// What the inspection API controls in a running provider: its request journal and its faults.
public final class ProviderControls: Sendable {
    /// The requests it answered, credentials masked.
    public let journal: RequestJournal
    /// The faults in force.
    public let faults: ProviderFaultState

    /// Creates controls for `provider` with `faults` in effect from now.
    public init(provider: CRMProvider, faults: ProviderFaultPlan, journalCapacity: Int = 2000) {
        let now = ContinuousClock.now
        self.journal = RequestJournal(capacity: journalCapacity, startedAt: now)
        self.faults = ProviderFaultState(provider: provider, plan: faults, since: now)
    }
}
