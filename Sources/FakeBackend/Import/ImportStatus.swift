/// `GET /crm/import/{id}`: how far an import has come.
public struct ImportStatus: Sendable, Hashable, Codable {
    /// Where an import stands.
    public enum Phase: String, Sendable, Hashable, Codable {
        case queued, running, completed, failed
    }

    public var importID: String
    public var provider: String
    public var status: Phase
    /// Rows in the file.
    public var rows: Int
    /// Rows the CRM accepted.
    public var imported: Int
    /// Rows given up on.
    public var failed: Int
    /// What went wrong, one sentence per failed batch.
    public var errors: [String]

    enum CodingKeys: String, CodingKey {
        case provider, status, rows, imported, failed, errors
        case importID = "import_id"
    }
}
