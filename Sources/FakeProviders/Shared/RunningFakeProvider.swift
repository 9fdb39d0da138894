import FakeSupport

/// A fake provider serving on loopback, as handed to the body of ``withFakeProviders(_:configuration:logger:_:)``.
public struct RunningFakeProvider: Sendable {
    /// Which CRM it fakes.
    public var provider: CRMProvider { fake.provider }
    /// Where it listens, e.g. `http://127.0.0.1:53412`.
    public let baseURL: String
    /// The bound port.
    public let port: Int
    /// The provider itself, for its state.
    public let fake: any FakeProvider
    /// Its journal and faults.
    public let controls: ProviderControls
}

/// The fake providers of one ``withFakeProviders(_:configuration:logger:_:)`` call, in the order given.
public struct RunningFakeProviders: Sendable {
    /// Each running provider, in the order given.
    public let all: [RunningFakeProvider]

    /// The running fake of `provider`, if it was started.
    public subscript(provider: CRMProvider) -> RunningFakeProvider? {
        all.first { $0.provider == provider }
    }
}
