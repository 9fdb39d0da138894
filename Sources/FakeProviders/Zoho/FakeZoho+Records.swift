import FakeSupport
import Foundation
import Hummingbird

extension FakeZoho {
    /// `POST /{Module}`.
    func insert(_ call: ZohoCall, module: ZohoModule) async throws -> Response {
        let rows = try await dataRows(call)
        let result = await state.insert(orgID: call.orgID, module: module, rows: rows)
        return await finish(result, call: call, allInserts: true)
    }

    /// `POST /{Module}/upsert` with optional `duplicate_check_fields`.
    func upsert(_ call: ZohoCall, module: ZohoModule) async throws -> Response {
        let body = try await call.json()
        let rows = try Self.rows(in: body)
        var checkFields = module.defaultDuplicateCheck
        if let given = body["duplicate_check_fields"] {
            guard let names = given.array?.compactMap(\.string), names.count == given.array?.count else {
                throw ZohoError.invalidParam("duplicate_check_fields")
            }
            for name in names where module.field(name) == nil {
                throw ZohoError(
                    status: .badRequest, code: "INVALID_DATA", message: "invalid data",
                    details: ["api_name": .string(name), "json_path": "$.duplicate_check_fields"])
            }
            checkFields = names
        }
        let result = await state.upsert(orgID: call.orgID, module: module, rows: rows, checkFields: checkFields)
        return await finish(result, call: call, allInserts: true)
    }

    /// `PUT /{Module}` or `PUT /{Module}/{id}`.
    func update(_ call: ZohoCall, module: ZohoModule, id: String?) async throws -> Response {
        let rows = try await dataRows(call)
        let result = await state.update(orgID: call.orgID, module: module, rows: rows, pathID: id)
        return await finish(result, call: call, allInserts: false)
    }

    /// `DELETE /{Module}?ids=` or `DELETE /{Module}/{id}`.
    func delete(_ call: ZohoCall, module: ZohoModule, id: String?) async throws -> Response {
        let ids = id.map { [$0] } ?? (call.query["ids"] ?? "").split(separator: ",").map(String.init)
        guard !ids.isEmpty else { throw ZohoError.requiredParam(["ids"]) }
        guard ids.count <= 100 else { throw ZohoError.limitExceeded(limit: 100) }
        let result = await state.delete(orgID: call.orgID, module: module, ids: ids)
        return await finish(result, call: call, allInserts: false)
    }

    /// `GET /{Module}/{id}`; 204 when there is no such record.
    func get(_ call: ZohoCall, module: ZohoModule, id: String) async -> Response {
        guard let record = await state.records(orgID: call.orgID, module: module).first(where: { $0["id"]?.string == id })
        else { return Response(status: .noContent) }
        return zohoJSON(["data": [Self.project(record, fields: call.query["fields"])]])
    }

    /// `GET /{Module}`: a page of records with `info`; 204 when there are none.
    func list(_ call: ZohoCall, module: ZohoModule) async throws -> Response {
        let query = call.query
        let sortBy = query["sort_by"] ?? "id"
        guard ["id", "Created_Time", "Modified_Time"].contains(sortBy) else { throw ZohoError.invalidParam("sort_by") }
        let sortOrder = query["sort_order"] ?? "desc"
        guard ["asc", "desc"].contains(sortOrder) else { throw ZohoError.invalidParam("sort_order") }
        let perPage = try Self.number(query["per_page"], name: "per_page", default: 200, range: 1...200)
        var offset = (try Self.number(query["page"], name: "page", default: 1, range: 1...100_000) - 1) * perPage
        if let token = query["page_token"] {
            guard let decoded = ZohoPageToken(text: token) else { throw ZohoError.invalidParam("page_token") }
            offset = decoded.offset
        }
        var rows = await state.records(orgID: call.orgID, module: module)
        rows.sort { lhs, rhs in
            let order = ZohoCriteria.compare(
                ZohoCriteria.comparable(lhs[sortBy]), ZohoCriteria.comparable(rhs[sortBy]))
            return sortOrder == "asc" ? order == .orderedAscending : order == .orderedDescending
        }
        let page = Array(rows.dropFirst(offset).prefix(perPage))
        guard !page.isEmpty else { return Response(status: .noContent) }
        let more = offset + page.count < rows.count
        let info: JSONValue = [
            "per_page": .int(perPage), "count": .int(page.count), "page": .int(offset / perPage + 1),
            "sort_by": .string(sortBy), "sort_order": .string(sortOrder), "more_records": .bool(more),
            "next_page_token": more ? .string(ZohoPageToken(offset: offset + page.count).text) : .null,
            "previous_page_token": offset > 0 ? .string(ZohoPageToken(offset: max(0, offset - perPage)).text) : .null,
            "page_token_expiry": more ? .string(ZohoClock.format(Date().addingTimeInterval(86_400))) : .null,
        ]
        let fields = query["fields"]
        return zohoJSON(["data": .array(page.map { Self.project($0, fields: fields) }), "info": info])
    }

    /// `GET /{Module}/search` by `criteria`, `email`, `phone` or `word`; 204 when nothing matches.
    /// Records younger than the search index's delay are not found yet.
    func search(_ call: ZohoCall, module: ZohoModule) async throws -> Response {
        let query = call.query
        let predicate: @Sendable ([String: JSONValue]) -> Bool
        if let text = query["criteria"] {
            let criteria: ZohoCriteria
            do {
                criteria = try ZohoCriteria.parse(text)
            } catch {
                throw ZohoError.invalidQuery(error.description)
            }
            guard criteria.conditionCount <= 10 else { throw ZohoError.invalidQuery("more than 10 criteria") }
            try criteria.validate(in: module)
            predicate = { criteria.matches($0) }
        } else if let email = query["email"]?.lowercased() {
            let names = module.fields.filter { $0.kind == .email }.map(\.apiName)
            predicate = { record in names.contains { ZohoCriteria.comparable(record[$0]) == email } }
        } else if let phone = query["phone"]?.lowercased() {
            let names = module.fields.filter { $0.kind == .phone }.map(\.apiName)
            predicate = { record in names.contains { ZohoCriteria.comparable(record[$0]) == phone } }
        } else if let word = query["word"]?.lowercased(), !word.isEmpty {
            let names = module.fields.filter { [.text, .email, .phone, .textarea].contains($0.kind) }.map(\.apiName)
            predicate = { record in names.contains { ZohoCriteria.comparable(record[$0]).contains(word) } }
        } else {
            throw ZohoError.requiredParam(["criteria", "email", "phone", "word"])
        }
        let perPage = try Self.number(query["per_page"], name: "per_page", default: 200, range: 1...200)
        let page = try Self.number(query["page"], name: "page", default: 1, range: 1...100_000)
        let indexed = searchIndex?.cutoff() ?? .now
        let matches = await state.records(orgID: call.orgID, module: module, insertedBy: indexed).filter(predicate)
        let slice = Array(matches.dropFirst((page - 1) * perPage).prefix(perPage))
        guard !slice.isEmpty else { return Response(status: .noContent) }
        let info: JSONValue = [
            "per_page": .int(perPage), "count": .int(slice.count), "page": .int(page),
            "more_records": .bool((page - 1) * perPage + slice.count < matches.count),
        ]
        let fields = query["fields"]
        return zohoJSON(["data": .array(slice.map { Self.project($0, fields: fields) }), "info": info])
    }

    private func dataRows(_ call: ZohoCall) async throws -> [JSONValue] {
        try Self.rows(in: try await call.json())
    }

    private static func rows(in body: JSONValue) throws -> [JSONValue] {
        guard body.object != nil else { throw ZohoError.invalidBody("the body is not a JSON object") }
        guard let data = body["data"] else { throw ZohoError.mandatoryMissing("data") }
        guard let rows = data.array else {
            throw ZohoError(
                status: .badRequest, code: "INVALID_DATA", message: "invalid data",
                details: ["expected_data_type": "jsonarray", "api_name": "data", "json_path": "$.data"])
        }
        guard !rows.isEmpty else { throw ZohoError.mandatoryMissing("data") }
        guard rows.count <= 100 else { throw ZohoError.limitExceeded(limit: 100) }
        return rows
    }

    private func finish(_ result: ZohoWriteResult, call: ZohoCall, allInserts: Bool) async -> Response {
        if !result.changes.isEmpty {
            var channels: [ZohoChannel] = []
            for change in result.changes {
                for channel in await state.channels(orgID: call.orgID, for: change)
                where !channels.contains(where: { $0.channelID == channel.channelID }) {
                    channels.append(channel)
                }
            }
            if !channels.isEmpty {
                await notifier.notify(changes: result.changes, channels: channels, resourceBase: call.resourceBase)
            }
        }
        let status = HTTPResponse.Status(code: result.status(allInserts: allInserts))
        return zohoJSON(["data": .array(result.rows)], status: status)
    }

    /// The record limited to `fields` (comma-separated) plus `id`.
    static func project(_ record: [String: JSONValue], fields: String?) -> JSONValue {
        guard let fields, !fields.isEmpty else { return .object(record) }
        let wanted = Set(fields.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } + ["id"])
        return .object(record.filter { wanted.contains($0.key) })
    }

    private static func number(_ text: String?, name: String, default fallback: Int, range: ClosedRange<Int>)
        throws(ZohoError) -> Int
    {
        guard let text else { return fallback }
        guard let value = Int(text), range.contains(value) else { throw ZohoError.invalidParam(name) }
        return value
    }
}
