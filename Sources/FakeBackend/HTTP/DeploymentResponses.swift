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
    let connected: Bool
    let paused: Bool
    let tokenExpiresIn: Int?

    enum CodingKeys: String, CodingKey {
        case provider, status, connected, paused
        case tokenExpiresIn = "token_expires_in"
    }
}

/// `POST /crm/webhooks/{source}`.
struct WebhookAcceptedResponse: ResponseEncodable {
    let accepted: Bool
    let eventIDs: [String]
    let duplicate: Bool

    enum CodingKeys: String, CodingKey {
        case accepted, duplicate
        case eventIDs = "event_ids"
    }
}

/// `POST /crm/admin/pause-sync`.
struct PauseSyncResponse: ResponseEncodable {
    let provider: String
    let paused: Bool
}

extension SyncStatus: ResponseEncodable {}

/// `GET /crm/{provider}/callback`.
struct OAuthConnectedResponse: ResponseEncodable {
    let connected: Bool
    let provider: String
    let workspaceID: String
    let scopes: [String]

    enum CodingKeys: String, CodingKey {
        case connected, provider, scopes
        case workspaceID = "workspace_id"
    }
}

/// `POST /crm/{provider}/refresh`.
struct OAuthRefreshedResponse: ResponseEncodable {
    let refreshed: Bool
    let provider: String
    let expiresIn: Int

    enum CodingKeys: String, CodingKey {
        case refreshed, provider
        case expiresIn = "expires_in"
    }
}

/// `POST /crm/admin/webhooks/replay`.
struct ReplayResponse: ResponseEncodable {
    let replayed: Int
}

/// `POST /crm/import`.
struct ImportAcceptedResponse: ResponseEncodable {
    let importID: String
    let provider: String
    let rows: Int
    let status: String

    enum CodingKeys: String, CodingKey {
        case provider, rows, status
        case importID = "import_id"
    }
}

extension ImportStatus: ResponseEncodable {}

/// `POST /crm/calls/{call_id}/push-to-crm`.
struct CallQueuedResponse: ResponseEncodable {
    let queued: Bool
    let eventID: String

    enum CodingKeys: String, CodingKey {
        case queued
        case eventID = "event_id"
    }
}
