/// The faults one fake provider runs with, and the seed behind every random choice they make.
///
/// Written in a fault plan's `providers:` section (see ``DeploymentFaultPlan``) or sent at run time to
/// `PUT /__fake/faults`. The same seed and the same sequence of requests give the same faults.
public struct ProviderFaultPlan: Sendable, Hashable {
    /// No faults.
    public static let none = ProviderFaultPlan()

    /// Seed for the choices: which requests fail, how long each waits.
    public var seed: UInt64
    /// The faults, in the order written.
    public var faults: [ProviderFault]

    /// Creates a plan whose windows are in real time.
    public init(seed: UInt64 = 0, faults: [ProviderFault] = []) {
        self.seed = seed
        self.faults = faults
    }
}
