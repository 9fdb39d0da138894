import Foundation
import NIOCore

/// `import.csv`: 100 rows imported into a CRM arrive exactly once with the sent fields, and importing them
/// again creates no duplicates.
///
/// Lost or duplicated rows prove the release broken. Emits `canary_import_seconds{provider=…}`, upload → completed.
public struct ImportCSVProbe: Probe {
    public let id = "import.csv"
    public let provider: String?

    /// Rows per import.
    public static let rowCount = 100
    /// Pause between reads of the CRM, which rate-limits searches.
    public static let readInterval: Duration = .milliseconds(200)
    /// How long missing rows are waited for once the import reports completion.
    public static let settleTime: Duration = .seconds(3)

    /// A probe for one provider.
    public init(provider: String) { self.provider = provider }

    public func run(in context: ProbeContext) async throws -> ProbeOutcome {
        let provider = self.provider ?? ""
        let deadline = ProbeDeadline(timeout: context.timeout)
        let rows = ImportRows.make(count: Self.rowCount, token: WebhookEvents.randomHex(8))
        return try await probeAttempt {
            let uploaded = ContinuousClock.now
            try await importAndWait(rows, context, deadline)
            let sample = MetricSample(
                name: "canary_import_seconds", labels: ["provider": provider], value: ProbeDeadline.seconds(since: uploaded))
            do {
                let reader = try CRMReaders.reader(for: provider, in: context)
                let first = try await readBack(rows, reader, deadline)
                if let broken = finding(first, again: false) { return .brokenRelease(broken) }
                try await importAndWait(rows, context, deadline)
                let second = try await readBack(rows, reader, deadline)
                if let broken = finding(second, again: true) { return .brokenRelease(broken) }
                guard first.differences.isEmpty else {
                    let shown = first.differences.prefix(3).joined(separator: "; ")
                    return .fail(.check, "\(first.differences.count) field differences in \(provider): \(shown)", samples: [sample])
                }
                return .pass("\(rows.count) rows imported into \(provider) once, fields match", samples: [sample])
            } catch let failure as ProbeFailure {
                var outcome = failure.outcome
                outcome.samples.append(sample)
                return outcome
            }
        }
    }

    /// Uploads the rows and polls the import until it completes.
    private func importAndWait(_ rows: [ContactRow], _ context: ProbeContext, _ deadline: ProbeDeadline) async throws {
        let provider = self.provider ?? ""
        let path = context.workspacePath(context.target.paths.imports, query: [("provider", provider)])
        let response = try await context.send(
            .POST, path, headers: [("Content-Type", "text/csv")], body: ByteBuffer(string: ImportRows.csv(rows)))
        guard response.isSuccess else {
            throw ProbeFailure.fail(
                .httpStatus, "import upload to \(provider) answered \(response.status)\(response.errorWord.map { " (\($0))" } ?? "")")
        }
        guard let importID = JSONValue.id(response.jsonObject?["import_id"]) else {
            throw ProbeFailure.fail(.badBody, "import upload answer has no import_id")
        }
        let statusPath = context.workspacePath(context.target.paths.importStatus, ["id": importID])
        let status = try await deadline.poll("completion of \(provider) import \(importID)") { () -> [String: Any]? in
            let answer = try await context.send(.GET, statusPath)
            guard answer.isSuccess else {
                throw ProbeFailure.fail(.httpStatus, "import status of \(importID) answered \(answer.status)")
            }
            let body = answer.jsonObject
            return ["completed", "failed"].contains(body?["status"] as? String ?? "") ? body : nil
        }
        if status["status"] as? String == "failed" {
            let failed = JSONValue.int(status["failed"]).map { ", \($0) rows failed" } ?? ""
            throw ProbeFailure.fail(.check, "import \(importID) to \(provider) failed\(failed)")
        }
    }

    /// Reads the rows back, again while some are missing for up to ``settleTime`` (CRM search indexes lag).
    /// A re-read the CRM refuses keeps the last complete read.
    private func readBack(_ rows: [ContactRow], _ reader: any CRMReader, _ deadline: ProbeDeadline) async throws -> ImportCheck {
        let settled = min(deadline.end, ContinuousClock.now + Self.settleTime)
        var check = ImportCheck(rows: rows, found: try await reader.contacts(withEmails: rows.map(\.email), deadline: deadline), reader: reader)
        while !check.missing.isEmpty, ContinuousClock.now + Self.readInterval < settled {
            try await Task.sleep(for: Self.readInterval)
            guard let found = try? await reader.contacts(withEmails: rows.map(\.email), deadline: deadline) else { break }
            check = ImportCheck(rows: rows, found: found, reader: reader)
        }
        return check
    }

    /// The release-breaking finding in `check`, if any.
    private func finding(_ check: ImportCheck, again: Bool) -> String? {
        let provider = self.provider ?? ""
        let what = again ? "re-importing to \(provider)" : "import to \(provider)"
        if !check.missing.isEmpty { return "\(what) lost \(check.missing.count) of \(Self.rowCount) rows" }
        if !check.duplicated.isEmpty { return "\(what) duplicated \(check.duplicated.count) of \(Self.rowCount) rows" }
        return nil
    }
}
