/// A fake deployment serving on loopback, as handed to the body of ``withFakeDeployment(_:logger:_:)``.
public struct RunningFakeDeployment: Sendable {
    /// Where it listens, e.g. `http://127.0.0.1:53412`.
    public let baseURL: String
    /// The bound port.
    public let port: Int
    /// Its live state: queues, metrics and what each CRM received.
    public let state: FakeDeploymentState
}
