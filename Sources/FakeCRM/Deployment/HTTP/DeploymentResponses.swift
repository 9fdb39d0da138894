import Hummingbird

/// `GET /health`.
struct HealthResponse: ResponseEncodable {
    struct Worker: Encodable {
        let running: Bool
        let queueSize: Int
        let dlqSize: Int

        enum CodingKeys: String, CodingKey {
            case running
            case queueSize = "queue_size"
            case dlqSize = "dlq_size"
        }
    }

    let status: String
    let worker: Worker
}

/// `GET /crm/health?provider=…`.
struct ProviderHealthResponse: ResponseEncodable {
    let provider: String
    let status: String
    let paused: Bool
}

/// `POST /crm/webhooks/{provider}`.
struct WebhookAcceptedResponse: ResponseEncodable {
    let accepted: Bool
    let jobID: String
    let duplicate: Bool

    enum CodingKeys: String, CodingKey {
        case accepted, duplicate
        case jobID = "job_id"
    }
}

/// `POST /crm/admin/pause-sync`.
struct PauseSyncResponse: ResponseEncodable {
    let provider: String
    let paused: Bool
}

extension SyncStatus: ResponseEncodable {}
