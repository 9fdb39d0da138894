/// Where the sync worker sends jobs: the CRM side of the integration.
public protocol CRMSink: Sendable {
    /// Delivers one job to its provider; throws when the provider did not accept it.
    func push(_ job: SyncJob) async throws
}
