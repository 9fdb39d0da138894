extension DeploymentProfile {
    /// Route groups that answer a fixed error status (400–599) instead of doing their work; nil does the work.
    ///
    /// The answer is the deployment's usual JSON error with that status, and nothing the route would
    /// have done happens: no job is queued, no sync paused, no import opened.
    public struct Answers: Sendable, Hashable {
        /// What a webhook from one of ``signedWebhookSources`` answers once its signature verified (at once when
        /// its source is signed with `none`, as Odoo is by default); forged and stale ones still get 401.
        public var signedWebhooks: Int?
        /// The sources ``signedWebhooks`` applies to, every source by default.
        public var signedWebhookSources = Set(WebhookSource.allCases)
        /// What `/crm/admin/*` (pause-sync, sync-status, replay) answers once the admin token, if any, is checked.
        public var admin: Int?
        /// What a CORS preflight (`OPTIONS` with `Origin` and `Access-Control-Request-Method`) answers.
        public var corsPreflight: Int?
        /// What the CSV import upload and status routes answer.
        public var imports: Int?

        /// Every route does its work.
        public init() {}

        /// What a verified webhook from `source` answers instead of being queued, or nil when it is queued.
        public func signedWebhook(from source: WebhookSource) -> Int? {
            signedWebhookSources.contains(source) ? signedWebhooks : nil
        }
    }
}
