extension ProbeTarget {
    /// Paths of the target's endpoints; `{provider}`, `{id}` and `{call_id}` are filled in by the probes.
    public struct Paths: Sendable {
        /// Service health, `/health`.
        public var health = "/health"
        /// Per-provider CRM health, `/crm/health` (`?provider=` is appended).
        public var crmHealth = "/crm/health"
        /// Metrics, `/crm/metrics`.
        public var metrics = "/crm/metrics"
        /// Webhook intake, `/crm/webhooks/{provider}` (`{provider}` is the webhook source).
        public var webhooks = "/crm/webhooks/{provider}"
        /// Start of the OAuth connect, `/crm/{provider}/start`.
        public var oauthStart = "/crm/{provider}/start"
        /// Token refresh, `/crm/{provider}/refresh`.
        public var oauthRefresh = "/crm/{provider}/refresh"
        /// Sync and webhook-event status, `/crm/admin/sync-status`.
        public var syncStatus = "/crm/admin/sync-status"
        /// The kill switch, `/crm/admin/pause-sync`.
        public var pauseSync = "/crm/admin/pause-sync"
        /// Webhook replay, `/crm/admin/webhooks/replay`.
        public var replay = "/crm/admin/webhooks/replay"
        /// CSV import upload, `/crm/import`.
        public var imports = "/crm/import"
        /// Import status, `/crm/import/{id}`.
        public var importStatus = "/crm/import/{id}"
        /// Explicit call push, `/crm/calls/{call_id}/push-to-crm`.
        public var callPush = "/crm/calls/{call_id}/push-to-crm"

        public init() {}
    }
}
