import FakeSupport

/// A record that was inserted, updated or deleted, for notification callbacks.
struct ZohoRecordChange: Sendable {
    let module: String
    /// `insert`, `update` or `delete`.
    let operation: String
    let id: String
    /// The fields the write touched.
    let fields: [String]
    /// The touched fields' new values.
    let values: [String: JSONValue]
}

/// The outcome of a write of several rows: each row's entry and the changes made.
struct ZohoWriteResult: Sendable {
    var rows: [JSONValue] = []
    var changes: [ZohoRecordChange] = []
    var failed = 0
    var updated = 0

    /// 201 when every row was inserted, 200 when some were updated, 207 for a mix with failures, 400 when all failed.
    func status(allInserts: Bool) -> Int {
        if failed == rows.count, failed > 0 { return 400 }
        if failed > 0 { return 207 }
        return allInserts && updated == 0 ? 201 : 200
    }
}
