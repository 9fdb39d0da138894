import FakeSupport
import Hummingbird

extension FakeHubSpot {
    /// CRM v4 association batches: `POST /crm/v4/associations/{from}/{to}/batch/{create|read|archive}` and
    /// `…/batch/associate/default`.
    func registerAssociationBatchRoutes(on router: Router<ProviderRequestContext>) {
        let base = "/crm/v4/associations/:fromType/:toType/batch"
        router.post("\(base)/create") { request, context in
            let (from, to, inputs, session) = try await batchStart(request, context)
            let startedAt = HubSpotTimestamp.text(milliseconds: HubSpotTimestamp.nowMilliseconds())
            var outcome = BatchOutcome()
            for input in inputs {
                guard let fromID = Self.objectID(input["from"]), let toID = Self.objectID(input["to"]) else {
                    throw HubSpotError.validation("Each input needs from.id and to.id.")
                }
                let specs = try Self.specs(input["types"])
                do {
                    try associate((.init(type: from, id: fromID), .init(type: to, id: toID)), specs, hubID: session.hubID)
                    outcome.results.append([
                        "fromObjectTypeId": .string(from.typeID), "fromObjectId": .int(fromID),
                        "toObjectTypeId": .string(to.typeID), "toObjectId": .int(toID),
                        "labels": .array(specs.compactMap(HubSpotAssociationTypes.label).map(JSONValue.string)),
                    ])
                } catch let error as HubSpotError {
                    outcome.errors.append(Self.batchErrorItem(error))
                }
            }
            return outcome.response(startedAt: startedAt, successStatus: .created, headers: session.headers)
        }
        router.post("\(base)/associate/default") { request, context in
            let (from, to, inputs, session) = try await batchStart(request, context)
            let startedAt = HubSpotTimestamp.text(milliseconds: HubSpotTimestamp.nowMilliseconds())
            guard let typeID = HubSpotAssociationTypes.defaultID(from: from.name, to: to.name) else {
                throw HubSpotError.validation("There is no default association from \(from.name) to \(to.name).")
            }
            let spec = HubSpotAssociationSpec(category: "HUBSPOT_DEFINED", typeID: typeID)
            var outcome = BatchOutcome()
            for input in inputs {
                guard let fromID = Self.objectID(input["from"]), let toID = Self.objectID(input["to"]) else {
                    throw HubSpotError.validation("Each input needs from.id and to.id.")
                }
                do {
                    try associate((.init(type: from, id: fromID), .init(type: to, id: toID)), [spec], hubID: session.hubID)
                    outcome.results.append([
                        "from": ["id": .string(String(fromID))], "to": ["id": .string(String(toID))],
                        "associationSpec": spec.json,
                    ])
                } catch let error as HubSpotError {
                    outcome.errors.append(Self.batchErrorItem(error))
                }
            }
            return outcome.response(startedAt: startedAt, successStatus: .ok, headers: session.headers)
        }
        router.post("\(base)/read") { request, context in
            let (from, to, inputs, session) = try await batchStart(request, context, write: false)
            let startedAt = HubSpotTimestamp.text(milliseconds: HubSpotTimestamp.nowMilliseconds())
            let ids = inputs.compactMap { Self.objectID($0) }
            let outcome = try state.withPortal(session.hubID) { portal in
                var outcome = BatchOutcome()
                var missing: [String] = []
                for id in ids {
                    guard let object = portal.object(from, id), !object.archived else {
                        missing.append(String(id))
                        continue
                    }
                    let rows = portal.associations(of: .init(type: from, id: id), to: to)
                    outcome.results.append([
                        "from": ["id": .string(String(id))],
                        "to": .array(
                            rows.map { row in
                                [
                                    "toObjectId": .int(row.id),
                                    "associationTypes": .array(
                                        row.specs.sorted { $0.typeID < $1.typeID }.map { spec in
                                            [
                                                "category": .string(spec.category), "typeId": .int(spec.typeID),
                                                "label": HubSpotAssociationTypes.label(of: spec).map(JSONValue.string) ?? .null,
                                            ]
                                        }),
                                ]
                            }),
                    ])
                }
                if !missing.isEmpty {
                    outcome.errors.append(
                        Self.batchErrorItem(
                            .notFound("No \(from.singular) with these ids exists.", context: ["fromObjectId": missing])))
                }
                return outcome
            }
            return outcome.response(startedAt: startedAt, successStatus: .ok, headers: session.headers)
        }
        router.post("\(base)/archive") { request, context in
            let (from, to, inputs, session) = try await batchStart(request, context)
            var changes: [HubSpotChange] = []
            try state.withPortal(session.hubID) { portal in
                for input in inputs {
                    guard let fromID = Self.objectID(input["from"]) else { continue }
                    for target in input["to"]?.array ?? [] {
                        guard let toID = Self.objectID(target) else { continue }
                        if portal.dissociate(.init(type: from, id: fromID), .init(type: to, id: toID)) {
                            changes.append(.associationChanged(from, fromID, to: to, toID: toID, typeID: 0, removed: true))
                        }
                    }
                }
            }
            emit(changes, hubID: session.hubID)
            return Response(status: .noContent, headers: session.headers)
        }
    }

    private func batchStart(_ request: Request, _ context: ProviderRequestContext, write: Bool = true) async throws -> (
        HubSpotObjectType, HubSpotObjectType, [JSONValue], HubSpotState.Session
    ) {
        let from = try HubSpotObjectType.require(context.parameters.get("fromType"))
        let to = try HubSpotObjectType.require(context.parameters.get("toType"))
        let session = try session(request, from, write: write)
        let body = try await Self.jsonBody(request)
        guard let inputs = body["inputs"]?.array else {
            throw HubSpotError.validation("inputs must be an array of at most \(Self.maxBatchInputs) objects.")
        }
        guard inputs.count <= Self.maxBatchInputs else {
            throw HubSpotError.validation(
                "Too many inputs: \(inputs.count). A batch takes at most \(Self.maxBatchInputs).")
        }
        return (from, to, inputs, session)
    }

    /// `{"id": "5"}` or `{"id": 5}` as a number.
    static func objectID(_ value: JSONValue?) -> Int? {
        guard let id = value?["id"] else { return nil }
        return id.int ?? id.string.flatMap(Int.init)
    }

    static func batchErrorItem(_ error: HubSpotError) -> JSONValue {
        [
            "status": "error", "category": .string(error.category), "message": .string(error.message),
            "context": .object((error.context ?? [:]).mapValues { .array($0.map(JSONValue.string)) }), "errors": [],
            "links": [:],
        ]
    }
}
