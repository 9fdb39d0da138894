import FakeSupport
import Synchronization

/// CSV imports and how far each has come.
final class ImportLedger: Sendable {
    /// Rows per CRM batch: HubSpot's and Zoho's upsert limit.
    static let batchSize = 100

    private struct Entry {
        var status: ImportStatus
        var batchesLeft: Int
        var claimedByJob: [String: Int]
    }

    private let entries = Mutex<[String: Entry]>([:])
    private let count = Mutex(0)

    /// Opens an import of `rows` rows for `provider` and returns its id.
    func open(provider: CRMProvider, rows: Int, batches: Int) -> String {
        let number = count.withLock { count in
            count += 1
            return count
        }
        let digits = String(number)
        let id = "imp_" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
        let status = ImportStatus(
            importID: id, provider: provider.rawValue, status: .queued, rows: rows, imported: 0, failed: 0, errors: [])
        entries.withLock { $0[id] = Entry(status: status, batchesLeft: batches, claimedByJob: [:]) }
        return id
    }

    /// Notes that `job` carries `rows` rows of the import (the rows it will report as imported).
    func claim(_ rows: Int, job: String, of importID: String) {
        entries.withLock { $0[importID]?.claimedByJob[job] = rows }
    }

    /// Where an import stands.
    func status(_ importID: String) -> ImportStatus? {
        entries.withLock { $0[importID]?.status }
    }

    /// A batch's first attempt began.
    func started(_ importID: String) {
        entries.withLock { entries in
            if entries[importID]?.status.status == .queued { entries[importID]?.status.status = .running }
        }
    }

    /// A batch landed or was given up on.
    func finished(job: String, of importID: String, landed: Bool, error: String?) {
        entries.withLock { entries in
            guard var entry = entries[importID] else { return }
            let rows = entry.claimedByJob[job] ?? 0
            if landed { entry.status.imported += rows } else { entry.status.failed += rows }
            if let error { entry.status.errors.append(error) }
            entry.batchesLeft -= 1
            if entry.batchesLeft <= 0 { entry.status.status = entry.status.failed > 0 ? .failed : .completed }
            entries[importID] = entry
        }
    }
}
