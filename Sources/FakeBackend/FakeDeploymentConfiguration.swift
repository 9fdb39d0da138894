import NIOSSL

/// Everything needed to start a fake deployment.
public struct FakeDeploymentConfiguration: Sendable {
    /// Address to bind; loopback by default.
    public var host = "127.0.0.1"
    /// Port to bind; 0 picks a free one.
    public var port = 0
    /// Attempts per sync job, the first included, before it is dead-lettered.
    public var maxAttempts = 5
    /// Wait before the first retry; each further retry waits `retryFactor` times longer.
    public var retryBase: Duration = .milliseconds(50)
    /// Growth of the retry wait per attempt.
    public var retryFactor: Double = 2
    /// Time the in-memory CRM takes to accept one push.
    public var sinkLatency: Duration = .milliseconds(3)
    /// How often an idle worker looks for due jobs.
    public var workerPollInterval: Duration = .milliseconds(5)
    /// Faults to run with, and the profile they switch the deployment into.
    public var faults: DeploymentFaultPlan = .none
    /// The CRMs to sync with over HTTP; nil keeps everything in an in-memory CRM.
    public var providers: ProviderLinks?
    /// Webhook secrets, the token encryption key and the admin token; random by default.
    public var secrets = DeploymentSecrets.random()
    /// The frontend origin CORS allows, e.g. `http://127.0.0.1:5173`.
    public var frontendOrigin: String?
    /// Serve HTTPS with this server configuration (certificate chain and key); nil serves plain HTTP.
    public var tls: TLSConfiguration?

    /// How the deployment strays from the contract; kept in the fault plan's `profile:`.
    public var profile: DeploymentProfile {
        get { faults.profile }
        set { faults.profile = newValue }
    }

    /// Creates the default configuration.
    public init() {}

    /// The retry policy these settings describe.
    var retryPolicy: RetryPolicy {
        RetryPolicy(maxAttempts: maxAttempts, base: retryBase, factor: retryFactor)
    }
}
