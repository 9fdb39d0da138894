import FakeSupport
import Hummingbird

extension FakeHubSpot {
    /// CRM v4 associations: create with types (201), create the default (200), list, remove (204).
    func registerAssociationRoutes(on router: Router<ProviderRequestContext>) {
        let base = "/crm/v4/objects/:fromType/:fromId/associations"
        router.put("\(base)/default/:toType/:toId") { request, context in
            let pair = try objectPair(context)
            let session = try session(request, pair.from.type, write: true)
            guard let typeID = HubSpotAssociationTypes.defaultID(from: pair.from.type.name, to: pair.to.type.name) else {
                throw HubSpotError.validation(
                    "There is no default association from \(pair.from.type.name) to \(pair.to.type.name).")
            }
            let spec = HubSpotAssociationSpec(category: "HUBSPOT_DEFINED", typeID: typeID)
            try associate(pair, [spec], hubID: session.hubID)
            let inverse = HubSpotAssociationTypes.inverse(of: spec)
            let now = HubSpotTimestamp.text(milliseconds: HubSpotTimestamp.nowMilliseconds())
            let results: [JSONValue] = [
                [
                    "from": ["id": .string(String(pair.from.id))], "to": ["id": .string(String(pair.to.id))],
                    "associationSpec": spec.json,
                ],
                [
                    "from": ["id": .string(String(pair.to.id))], "to": ["id": .string(String(pair.from.id))],
                    "associationSpec": inverse.json,
                ],
            ]
            return Response.json(
                [
                    "status": "COMPLETE", "results": .array(results), "startedAt": .string(now),
                    "completedAt": .string(now), "requestedAt": .string(now), "links": [:],
                ], headers: session.headers)
        }
        router.put("\(base)/:toType/:toId") { request, context in
            let pair = try objectPair(context)
            let session = try session(request, pair.from.type, write: true)
            let specs = try Self.specs(try await Self.jsonBody(request))
            try associate(pair, specs, hubID: session.hubID)
            return Response.json(
                [
                    "fromObjectTypeId": .string(pair.from.type.typeID), "fromObjectId": .int(pair.from.id),
                    "toObjectTypeId": .string(pair.to.type.typeID), "toObjectId": .int(pair.to.id),
                    "labels": .array(specs.compactMap(HubSpotAssociationTypes.label).map(JSONValue.string)),
                ], status: .created, headers: session.headers)
        }
        router.get("\(base)/:toType") { request, context in
            let fromType = try HubSpotObjectType.require(context.parameters.get("fromType"))
            let toType = try HubSpotObjectType.require(context.parameters.get("toType"))
            guard let fromID = Int(context.parameters.get("fromId") ?? "") else {
                throw HubSpotError.validation("The object id must be a number.")
            }
            let session = try session(request, fromType, write: false)
            let limit = min(max(request.uri.queryParameters.get("limit").flatMap(Int.init) ?? 500, 1), 500)
            let after = request.uri.queryParameters.get("after").flatMap(Int.init) ?? 0
            let rows = try state.withPortal(session.hubID) { portal in
                portal.associations(of: .init(type: fromType, id: fromID), to: toType)
            }
            let page = rows.filter { $0.id >= after }
            var answer: [String: JSONValue] = [
                "results": .array(
                    page.prefix(limit).map { row in
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
                    })
            ]
            if page.count > limit { answer["paging"] = ["next": ["after": .string(String(page[limit].id))]] }
            return Response.json(.object(answer), headers: session.headers)
        }
        router.delete("\(base)/:toType/:toId") { request, context in
            let pair = try objectPair(context)
            let session = try session(request, pair.from.type, write: true)
            let removed = try state.withPortal(session.hubID) { portal in portal.dissociate(pair.from, pair.to) }
            if removed {
                emit(
                    [
                        .associationChanged(
                            pair.from.type, pair.from.id, to: pair.to.type, toID: pair.to.id, typeID: 0, removed: true)
                    ], hubID: session.hubID)
            }
            return Response(status: .noContent, headers: session.headers)
        }
    }

    private func objectPair(_ context: ProviderRequestContext) throws -> (from: HubSpotPortal.ObjectKey, to: HubSpotPortal.ObjectKey) {
        let fromType = try HubSpotObjectType.require(context.parameters.get("fromType"))
        let toType = try HubSpotObjectType.require(context.parameters.get("toType"))
        guard let fromID = Int(context.parameters.get("fromId") ?? ""), let toID = Int(context.parameters.get("toId") ?? "")
        else {
            throw HubSpotError.validation("Object ids must be numbers.")
        }
        return (.init(type: fromType, id: fromID), .init(type: toType, id: toID))
    }

    func associate(
        _ pair: (from: HubSpotPortal.ObjectKey, to: HubSpotPortal.ObjectKey), _ specs: [HubSpotAssociationSpec], hubID: Int
    ) throws {
        for spec in specs where spec.category == "HUBSPOT_DEFINED" {
            guard let types = HubSpotAssociationTypes.types(of: spec.typeID), types.from == pair.from.type.name,
                types.to == pair.to.type.name
            else {
                throw HubSpotError.validation(
                    "HUBSPOT_DEFINED association type \(spec.typeID) does not link \(pair.from.type.name) to "
                        + "\(pair.to.type.name).")
            }
        }
        try state.withPortal(hubID) { portal throws(HubSpotError) in
            for key in [pair.from, pair.to] {
                guard let object = portal.object(key.type, key.id), !object.archived else {
                    throw HubSpotError.notFound(
                        "No \(key.type.singular) with id \(key.id) exists.", context: ["id": [String(key.id)]])
                }
            }
            for spec in specs { portal.associate(pair.from, pair.to, spec) }
        }
        emit(
            specs.map {
                .associationChanged(
                    pair.from.type, pair.from.id, to: pair.to.type, toID: pair.to.id, typeID: $0.typeID, removed: false)
            }, hubID: hubID)
    }
}
