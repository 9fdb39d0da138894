import FakeSupport

extension ZohoState {
    /// `POST /{Module}`: inserts each row, reporting each row's outcome.
    func insert(orgID: String, module: ZohoModule, rows: [JSONValue]) -> ZohoWriteResult {
        var result = ZohoWriteResult()
        for (index, row) in rows.enumerated() {
            do throws(ZohoRowError) {
                let change = try insertRow(row, index: index, orgID: orgID, module: module)
                result.rows.append(success(change, orgID: orgID, module: module, message: "record added"))
                result.changes.append(change)
            } catch {
                result.rows.append(error.body)
                result.failed += 1
            }
        }
        return result
    }

    /// `POST /{Module}/upsert`: updates the first record matching a duplicate-check field, else inserts.
    func upsert(orgID: String, module: ZohoModule, rows: [JSONValue], checkFields: [String]) -> ZohoWriteResult {
        var result = ZohoWriteResult()
        for (index, row) in rows.enumerated() {
            do throws(ZohoRowError) {
                let match = checkFields.lazy.compactMap { field -> (String, String)? in
                    guard let wanted = row[field].map({ ZohoCriteria.comparable($0) }), !wanted.isEmpty,
                        let existing = self.orgs[orgID]?.records[module.apiName]?.first(where: {
                            ZohoCriteria.comparable($0[field]) == wanted
                        }),
                        let id = existing["id"]?.string
                    else { return nil }
                    return (field, id)
                }.first
                var entry: [String: JSONValue]
                let change: ZohoRecordChange
                if let (field, id) = match {
                    change = try updateRow(row, index: index, id: id, orgID: orgID, module: module)
                    entry = success(change, orgID: orgID, module: module, message: "record updated").object!
                    entry["action"] = "update"
                    entry["duplicate_field"] = .string(field)
                    result.updated += 1
                } else {
                    change = try insertRow(row, index: index, orgID: orgID, module: module)
                    entry = success(change, orgID: orgID, module: module, message: "record added").object!
                    entry["action"] = "insert"
                    entry["duplicate_field"] = .null
                }
                result.rows.append(.object(entry))
                result.changes.append(change)
            } catch {
                result.rows.append(error.body)
                result.failed += 1
            }
        }
        return result
    }

    /// `PUT /{Module}` (ids in the rows) or `PUT /{Module}/{id}`.
    func update(orgID: String, module: ZohoModule, rows: [JSONValue], pathID: String?) -> ZohoWriteResult {
        var result = ZohoWriteResult()
        for (index, row) in rows.enumerated() {
            do throws(ZohoRowError) {
                guard let id = pathID ?? row["id"].flatMap({ ZohoRowValidator.lookupID($0) }) else {
                    throw .mandatory("id", row: index)
                }
                let change = try updateRow(row, index: index, id: id, orgID: orgID, module: module)
                result.rows.append(success(change, orgID: orgID, module: module, message: "record updated"))
                result.changes.append(change)
                result.updated += 1
            } catch {
                result.rows.append(error.body)
                result.failed += 1
            }
        }
        return result
    }

    /// `DELETE /{Module}?ids=` or `DELETE /{Module}/{id}`.
    func delete(orgID: String, module: ZohoModule, ids: [String]) -> ZohoWriteResult {
        var result = ZohoWriteResult()
        for id in ids {
            if let position = orgs[orgID]?.index(of: id, in: module.apiName) {
                orgs[orgID]?.records[module.apiName]?.remove(at: position)
                orgs[orgID]?.inserted[id] = nil
                result.rows.append([
                    "code": "SUCCESS", "details": ["id": .string(id)], "message": "record deleted", "status": "success",
                ])
                result.changes.append(
                    ZohoRecordChange(module: module.apiName, operation: "delete", id: id, fields: [], values: [:]))
            } else {
                result.rows.append([
                    "code": "INVALID_DATA", "details": ["id": .string(id)],
                    "message": "the related id given seems to be invalid", "status": "error",
                ])
                result.failed += 1
            }
        }
        return result
    }

    /// A module's records in insertion order.
    func records(orgID: String, module: ZohoModule) -> [[String: JSONValue]] {
        orgs[orgID]?.records[module.apiName] ?? []
    }

    /// A module's records inserted no later than `cutoff`, in insertion order: what search sees.
    func records(orgID: String, module: ZohoModule, insertedBy cutoff: ContinuousClock.Instant) -> [[String: JSONValue]] {
        guard let org = orgs[orgID] else { return [] }
        return (org.records[module.apiName] ?? []).filter { record in
            record["id"]?.string.flatMap { org.inserted[$0] }.map { $0 <= cutoff } ?? true
        }
    }

    private func insertRow(_ row: JSONValue, index: Int, orgID: String, module: ZohoModule) throws(ZohoRowError)
        -> ZohoRecordChange
    {
        guard var org = orgs[orgID] else { throw .invalid("id", row: index, expected: "org") }
        var record = try ZohoRowValidator(module: module, org: org).clean(row, index: index, isUpdate: false)
        try checkUnique(record, excluding: nil, row: index, org: org, module: module)
        let now = ZohoClock.now()
        let id = org.newRecordID()
        let written = Array(record.keys)
        record = record.filter { $0.value != .null }
        record["id"] = .string(id)
        record["Owner"] = record["Owner"] ?? org.user.ownerLookup
        record["Created_Time"] = .string(now)
        record["Modified_Time"] = .string(now)
        record["Created_By"] = org.user.lookup
        record["Modified_By"] = org.user.lookup
        record["$approved"] = true
        record["$editable"] = true
        org.records[module.apiName, default: []].append(record)
        org.inserted[id] = .now
        orgs[orgID] = org
        return ZohoRecordChange(
            module: module.apiName, operation: "insert", id: id, fields: written.sorted(),
            values: record.filter { written.contains($0.key) })
    }

    private func updateRow(_ row: JSONValue, index: Int, id: String, orgID: String, module: ZohoModule)
        throws(ZohoRowError) -> ZohoRecordChange
    {
        guard let org = orgs[orgID], let position = org.index(of: id, in: module.apiName) else {
            throw ZohoRowError(
                code: "INVALID_DATA", message: "the related id given seems to be invalid",
                details: ["api_name": "id", "json_path": .string("$.data[\(index)].id")])
        }
        let changes = try ZohoRowValidator(module: module, org: org).clean(row, index: index, isUpdate: true)
        try checkUnique(changes, excluding: id, row: index, org: org, module: module)
        var record = org.records[module.apiName]![position]
        for (key, value) in changes {
            record[key] = value == .null ? nil : value
        }
        record["Modified_Time"] = .string(ZohoClock.now())
        record["Modified_By"] = org.user.lookup
        orgs[orgID]?.records[module.apiName]?[position] = record
        return ZohoRecordChange(
            module: module.apiName, operation: "update", id: id, fields: changes.keys.sorted(), values: changes)
    }

    private func checkUnique(
        _ values: [String: JSONValue], excluding id: String?, row: Int, org: ZohoOrg, module: ZohoModule
    ) throws(ZohoRowError) {
        for field in module.fields where field.unique {
            guard let value = values[field.apiName], value != .null else { continue }
            let wanted = ZohoCriteria.comparable(value)
            if let existing = org.records[module.apiName]?.first(where: {
                $0["id"]?.string != id && ZohoCriteria.comparable($0[field.apiName]) == wanted
            }) {
                throw .duplicate(field.apiName, row: row, existing: existing, module: module)
            }
        }
    }

    private func success(_ change: ZohoRecordChange, orgID: String, module: ZohoModule, message: String) -> JSONValue {
        let record = orgs[orgID]?.records[module.apiName]?.first { $0["id"]?.string == change.id } ?? [:]
        return [
            "code": "SUCCESS", "message": .string(message), "status": "success",
            "details": [
                "Modified_Time": record["Modified_Time"] ?? .null, "Modified_By": record["Modified_By"] ?? .null,
                "Created_Time": record["Created_Time"] ?? .null, "id": .string(change.id),
                "Created_By": record["Created_By"] ?? .null,
            ],
        ]
    }
}
