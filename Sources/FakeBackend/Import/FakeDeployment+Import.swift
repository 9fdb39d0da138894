import FakeSupport
import Hummingbird

extension FakeDeployment {
    /// Largest CSV accepted.
    static let maxImportBytes = 8 << 20

    /// `POST /crm/import?provider=…` (a CSV body) and `GET /crm/import/{id}`, or the profile's fixed answer.
    func registerImportRoutes(on router: Router<DeploymentRequestContext>) {
        let state = self.state
        router.post("/crm/import") { request, context in
            if let status = state.profile.answers.imports { throw APIError.fixedAnswer(status, to: request) }
            let name = request.uri.queryParameters.get("provider")
            guard let provider = name.flatMap(CRMProvider.init(rawValue:)) else { throw APIError.unknownProvider(name) }
            guard state.isConnected(provider) else {
                throw APIError(.conflict, "\(provider) is not connected", code: "not_connected")
            }
            let text = String(buffer: try await request.body.collect(upTo: Self.maxImportBytes))
            let rows: [ImportRow]
            do {
                rows = try ContactCSV.rows(text)
            } catch let problem as ContactCSV.Problem {
                throw APIError(.badRequest, problem.description, code: "bad_csv")
            }
            let batches = stride(from: 0, to: rows.count, by: ImportLedger.batchSize).map {
                Array(rows[$0..<min($0 + ImportLedger.batchSize, rows.count)])
            }
            let importID = state.imports.open(provider: provider, rows: rows.count, batches: batches.count)
            let work = batches.map { batch in
                (provider, SyncWork.importRows(importID: importID, rows: state.faults.rowsKept(batch, for: provider, at: state.elapsed)))
            }
            let enqueued = state.enqueue(eventID: "import:\(importID)", source: nil, payload: "", work: work)
            for (jobID, batch) in zip(enqueued.jobIDs, batches) {
                state.imports.claim(batch.count, job: jobID, of: importID)
            }
            context.logger.info(
                "Import queued.", metadata: ["crm.provider": "\(provider)", "import.rows": "\(rows.count)"])
            var response = try ImportAcceptedResponse(
                importID: importID, provider: provider.rawValue, rows: rows.count, status: "queued"
            ).response(from: request, context: context)
            response.status = .accepted
            return response
        }

        router.get("/crm/import/:id") { request, context in
            if let status = state.profile.answers.imports { throw APIError.fixedAnswer(status, to: request) }
            let id = context.parameters.get("id") ?? ""
            guard let status = state.imports.status(id) else {
                throw APIError(.notFound, "no import \"\(id)\"", code: "unknown_import")
            }
            return status
        }
    }
}
