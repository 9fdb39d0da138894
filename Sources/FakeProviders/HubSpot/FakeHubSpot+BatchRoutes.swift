import FakeSupport
import Hummingbird

extension FakeHubSpot {
    /// Most inputs one batch call takes.
    static let maxBatchInputs = 100

    /// `POST /crm/v3/objects/{type}/batch/{create|read|update|upsert|archive}`.
    func registerBatchRoutes(on router: Router<ProviderRequestContext>) {
        router.post("/crm/v3/objects/:type/batch/:action") { request, context in
            let type = try HubSpotObjectType.require(context.parameters.get("type"))
            let action = context.parameters.get("action") ?? ""
            guard ["create", "read", "update", "upsert", "archive"].contains(action) else {
                throw HubSpotError.notFound("No route matches POST \(request.uri.path).")
            }
            let session = try session(request, type, write: action != "read")
            let body = try await Self.jsonBody(request)
            guard let inputs = body["inputs"]?.array else {
                throw HubSpotError.validation("inputs must be an array of at most \(Self.maxBatchInputs) objects.")
            }
            guard inputs.count <= Self.maxBatchInputs else {
                throw HubSpotError.validation(
                    "Too many inputs: \(inputs.count). A batch takes at most \(Self.maxBatchInputs).",
                    context: ["inputs": [String(inputs.count)]])
            }
            let startedAt = HubSpotTimestamp.text(milliseconds: HubSpotTimestamp.nowMilliseconds())
            let outcome: BatchOutcome
            switch action {
            case "create": outcome = try batchCreate(type, inputs, hubID: session.hubID)
            case "read": outcome = try batchRead(type, inputs, body: body, hubID: session.hubID)
            case "update": outcome = try batchUpdate(type, inputs, hubID: session.hubID)
            case "upsert": outcome = try batchUpsert(type, inputs, hubID: session.hubID)
            default:
                try batchArchive(type, inputs, hubID: session.hubID)
                return Response(status: .noContent, headers: session.headers)
            }
            return outcome.response(startedAt: startedAt, successStatus: action == "create" ? .created : .ok, headers: session.headers)
        }
    }

    /// Results and per-input errors of one batch call.
    struct BatchOutcome: Sendable {
        var results: [JSONValue] = []
        var errors: [JSONValue] = []

        func response(startedAt: String, successStatus: HTTPResponse.Status, headers: HTTPFields) -> Response {
            let completedAt = HubSpotTimestamp.text(milliseconds: HubSpotTimestamp.nowMilliseconds())
            var body: [String: JSONValue] = [
                "status": "COMPLETE", "results": .array(results), "requestedAt": .string(startedAt),
                "startedAt": .string(startedAt), "completedAt": .string(completedAt), "links": [:],
            ]
            guard errors.isEmpty else {
                body["numErrors"] = .int(errors.count)
                body["errors"] = .array(errors)
                return Response.json(.object(body), status: .init(code: 207, reasonPhrase: "Multi-Status"), headers: headers)
            }
            return Response.json(.object(body), status: successStatus, headers: headers)
        }
    }

    /// Creates all or nothing; with `objectWriteTraceId` on the inputs, each input succeeds or fails alone (207).
    private func batchCreate(_ type: HubSpotObjectType, _ inputs: [JSONValue], hubID: Int) throws -> BatchOutcome {
        let parsed = try inputs.map { input in
            (
                trace: input["objectWriteTraceId"]?.string,
                input: HubSpotCreateInput(
                    properties: try Self.propertyValues(input["properties"]),
                    associations: try Self.associationInputs(input["associations"], from: type))
            )
        }
        let partial = parsed.contains { $0.trace != nil }
        let now = HubSpotTimestamp.nowMilliseconds()
        let (outcome, changes) = try state.withPortal(hubID) { portal throws(HubSpotError) in
            var outcome = BatchOutcome()
            var changes: [HubSpotChange] = []
            var accepted: [(trace: String?, input: HubSpotCreateInput)] = []
            var emails: Set<String> = []
            for item in parsed {
                do throws(HubSpotError) {
                    try portal.validateCreate(type, item.input, pendingEmails: emails)
                    if let email = item.input.properties["email"]?.lowercased(), !email.isEmpty { emails.insert(email) }
                    accepted.append(item)
                } catch {
                    guard partial else { throw error }
                    outcome.errors.append(Self.batchError(error, trace: item.trace))
                }
            }
            for item in accepted {
                let (object, objectChanges) = portal.create(type, item.input, now: now)
                var json = object.json(properties: nil)
                if let trace = item.trace, case .object(var members) = json {
                    members["objectWriteTraceId"] = .string(trace)
                    json = .object(members)
                }
                outcome.results.append(json)
                changes += objectChanges
            }
            return (outcome, changes)
        }
        emit(changes, hubID: hubID)
        return outcome
    }

    private func batchRead(_ type: HubSpotObjectType, _ inputs: [JSONValue], body: JSONValue, hubID: Int) throws
        -> BatchOutcome
    {
        let properties = Self.strings(body["properties"]).flatMap { $0.isEmpty ? nil : $0 } ?? type.defaultProperties
        let withHistory = Self.strings(body["propertiesWithHistory"]) ?? []
        let idProperty = body["idProperty"]?.string
        let archived = body["archived"]?.bool ?? false
        let ids = inputs.map { $0["id"]?.string ?? $0["id"]?.int.map(String.init) ?? "" }
        return try state.withPortal(hubID) { portal in
            var outcome = BatchOutcome()
            var missing: [String] = []
            for id in ids {
                let found = archived
                    ? Int(id).flatMap { portal.object(type, $0) }.flatMap { $0.archived ? $0 : nil }
                    : portal.find(type, id: id, idProperty: idProperty).flatMap { $0.archived ? nil : $0 }
                if let found {
                    outcome.results.append(found.json(properties: properties, withHistory: withHistory))
                } else {
                    missing.append(id)
                }
            }
            if !missing.isEmpty {
                outcome.errors.append(
                    Self.errorItem(
                        status: "error", category: "OBJECT_NOT_FOUND",
                        message: "Could not get some \(type.singular.uppercased()) objects, they may be deleted or not "
                            + "exist. Check that ids are valid.",
                        context: ["ids": missing]))
            }
            return outcome
        }
    }

    private func batchUpdate(_ type: HubSpotObjectType, _ inputs: [JSONValue], hubID: Int) throws -> BatchOutcome {
        let parsed = try inputs.map { input in
            (id: input["id"]?.string ?? input["id"]?.int.map(String.init) ?? "", properties: try Self.propertyValues(input["properties"]))
        }
        let idProperty = inputs.first?["idProperty"]?.string
        let now = HubSpotTimestamp.nowMilliseconds()
        let (outcome, changes) = try state.withPortal(hubID) { portal throws(HubSpotError) in
            var outcome = BatchOutcome()
            var changes: [HubSpotChange] = []
            var missing: [String] = []
            for item in parsed {
                guard let existing = portal.find(type, id: item.id, idProperty: idProperty), !existing.archived else {
                    missing.append(item.id)
                    continue
                }
                try portal.validateUpdate(type, id: existing.id, item.properties)
                let (object, objectChanges) = portal.update(type, id: existing.id, item.properties, now: now)!
                outcome.results.append(object.json(properties: nil))
                changes += objectChanges
            }
            if !missing.isEmpty {
                outcome.errors.append(
                    Self.errorItem(
                        status: "error", category: "OBJECT_NOT_FOUND",
                        message: "Could not update some \(type.singular.uppercased()) objects, they may be deleted or "
                            + "not exist. Check that ids are valid.",
                        context: ["ids": missing]))
            }
            return (outcome, changes)
        }
        emit(changes, hubID: hubID)
        return outcome
    }

    /// Updates the object whose `idProperty` (`email` for contacts, or `hs_object_id`) has the input's id, or
    /// creates it; each result says whether it is `new`.
    private func batchUpsert(_ type: HubSpotObjectType, _ inputs: [JSONValue], hubID: Int) throws -> BatchOutcome {
        let parsed = try inputs.map { input -> (id: String, idProperty: String, properties: [String: String]) in
            let idProperty = input["idProperty"]?.string ?? "hs_object_id"
            guard idProperty == "hs_object_id" || (idProperty == "email" && type.name == "contacts") else {
                throw HubSpotError.validation(
                    "\(idProperty) is not a unique identifier property of \(type.name); use hs_object_id"
                        + (type.name == "contacts" ? " or email." : "."))
            }
            let id = input["id"]?.string ?? input["id"]?.int.map(String.init) ?? ""
            return (id, idProperty, try Self.propertyValues(input["properties"]))
        }
        let now = HubSpotTimestamp.nowMilliseconds()
        let (outcome, changes) = try state.withPortal(hubID) { portal throws(HubSpotError) in
            var outcome = BatchOutcome()
            var changes: [HubSpotChange] = []
            for item in parsed {
                var object: HubSpotObject
                var isNew: Bool
                if let existing = portal.find(type, id: item.id, idProperty: item.idProperty), !existing.archived {
                    try portal.validateUpdate(type, id: existing.id, item.properties)
                    let updated = portal.update(type, id: existing.id, item.properties, now: now)!
                    (object, isNew) = (updated.0, false)
                    changes += updated.1
                } else {
                    guard item.idProperty == "email" else {
                        throw HubSpotError.notFound(
                            "Object not found.  objectId are usually numeric.", context: ["id": [item.id]])
                    }
                    var properties = item.properties
                    properties["email"] = item.id
                    let input = HubSpotCreateInput(properties: properties)
                    try portal.validateCreate(type, input)
                    let created = portal.create(type, input, now: now)
                    (object, isNew) = (created.0, true)
                    changes += created.1
                }
                guard case .object(var members) = object.json(properties: nil) else { continue }
                members["new"] = .bool(isNew)
                outcome.results.append(.object(members))
            }
            return (outcome, changes)
        }
        emit(changes, hubID: hubID)
        return outcome
    }

    private func batchArchive(_ type: HubSpotObjectType, _ inputs: [JSONValue], hubID: Int) throws {
        let ids = inputs.compactMap { $0["id"]?.string.flatMap(Int.init) ?? $0["id"]?.int }
        let now = HubSpotTimestamp.nowMilliseconds()
        let changes = try state.withPortal(hubID) { portal in ids.compactMap { portal.archive(type, id: $0, now: now) } }
        emit(changes, hubID: hubID)
    }

    private static func batchError(_ error: HubSpotError, trace: String?) -> JSONValue {
        var context: [String: [String]] = error.context ?? [:]
        if let trace { context["objectWriteTraceId"] = [trace] }
        return errorItem(
            status: "error", category: error.category, message: error.message, context: context,
            subCategory: error.subCategory)
    }

    /// One entry of a batch answer's `errors`, in HubSpot's standard error shape.
    static func errorItem(
        status: String, category: String, message: String, context: [String: [String]], subCategory: String? = nil
    ) -> JSONValue {
        var item: [String: JSONValue] = [
            "status": .string(status), "category": .string(category), "message": .string(message),
            "context": .object(context.mapValues { .array($0.map(JSONValue.string)) }), "errors": [], "links": [:],
        ]
        if let subCategory { item["subCategory"] = .string(subCategory) }
        return .object(item)
    }
}
