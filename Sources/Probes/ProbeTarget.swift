/// Where the deployment under test lives and how it speaks: the parts of a plan a probe needs.
public struct ProbeTarget: Sendable {
    /// Base URL of the backend, without a trailing slash, e.g. `https://api.example.com`.
    public var backendURL: String
    /// Base URL of the frontend, if the plan names one.
    public var frontendURL: String?
    /// The workspace the canary acts for.
    public var workspaceID: String
    /// Paths of the target's endpoints; every one can be changed by the plan.
    public var paths: Paths
    /// Status words the target uses for "healthy" (`healthy`, `ok`, `connected` by default).
    public var healthyWords: Set<String>

    /// Paths of the target's endpoints.
    public struct Paths: Sendable {
        /// Service health, `/health`.
        public var health = "/health"
        /// Per-provider CRM health, `/crm/health` (`?provider=` is appended).
        public var crmHealth = "/crm/health"
        /// Prometheus metrics, `/crm/metrics`.
        public var metrics = "/crm/metrics"
        /// Webhook intake; `{provider}` is replaced, `/crm/webhooks/{provider}`.
        public var webhooks = "/crm/webhooks/{provider}"

        public init() {}
    }

    public init(
        backendURL: String,
        frontendURL: String? = nil,
        workspaceID: String,
        paths: Paths = Paths(),
        healthyWords: Set<String> = ["healthy", "ok", "connected"]
    ) {
        self.backendURL = backendURL.hasSuffix("/") ? String(backendURL.dropLast()) : backendURL
        self.frontendURL = frontendURL
        self.workspaceID = workspaceID
        self.paths = paths
        self.healthyWords = healthyWords
    }
}
