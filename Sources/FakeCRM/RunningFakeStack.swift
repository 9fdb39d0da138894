import FakeBackend
import FakeProviders

/// The fake CRMs, the fake deployment wired to them and the fake frontend, as handed to the body of
/// ``withFakeStack(_:logger:_:)``.
public struct RunningFakeStack: Sendable {
    /// The backend under test.
    public let deployment: RunningFakeDeployment
    /// The fake HubSpot, Zoho and Odoo it syncs with.
    public let providers: RunningFakeProviders
    /// The frontend's base URL, the one origin the deployment's CORS allows.
    public let frontendURL: String
    /// What a plan reads from the environment to drive this stack: the webhook secrets and admin
    /// token (under the seed's names) and read access to each CRM. Secret values: never log them.
    public let environment: [String: String]
}
