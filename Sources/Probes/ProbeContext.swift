import AsyncHTTPClient
import Logging

/// What a probe gets for one attempt: the HTTP client, the target, a deadline and a logger.
public struct ProbeContext: Sendable {
    /// The shared client; its lifetime is the run's.
    public var http: HTTPClient
    /// The deployment under test.
    public var target: ProbeTarget
    /// How long one attempt may take; the scheduler also enforces it.
    public var timeout: Duration
    /// Secrets resolved from the environment when the plan was loaded.
    public var secrets: ProbeSecrets
    /// Logger with the probe's metadata attached.
    public var logger: Logger

    public init(
        http: HTTPClient,
        target: ProbeTarget,
        timeout: Duration,
        secrets: ProbeSecrets = ProbeSecrets(),
        logger: Logger
    ) {
        self.http = http
        self.target = target
        self.timeout = timeout
        self.secrets = secrets
        self.logger = logger
    }
}

/// Credentials probes may need, each read from an environment variable named by the plan.
public struct ProbeSecrets: Sendable {
    /// Secret values by name (e.g. `CRM_HUBSPOT_WEBHOOK_SECRET`).
    private var values: [String: Secret<String>]

    /// Access tokens refreshed during the run; every copy of these secrets shares them.
    public let refreshed = RefreshedTokens()

    public init(_ values: [String: Secret<String>] = [:]) { self.values = values }

    /// The secret stored under `name`, if the environment provided it.
    public subscript(name: String) -> Secret<String>? { values[name] }

    /// Every secret value, refreshed tokens included, for the guard that keeps them out of outputs.
    public var allValues: [Secret<String>] { Array(values.values) + refreshed.all }
}
