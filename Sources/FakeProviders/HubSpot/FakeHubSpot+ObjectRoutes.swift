import FakeSupport
import Foundation
import Hummingbird

extension FakeHubSpot {
    /// CRM v3 objects: create (201), list with `after` cursors, get, update, archive (204).
    func registerObjectRoutes(on router: Router<ProviderRequestContext>) {
        router.post("/crm/v3/objects/:type") { request, context in
            try await create(request, type: try HubSpotObjectType.require(context.parameters.get("type")))
        }
        router.get("/crm/v3/objects/:type") { request, context in
            try list(request, type: try HubSpotObjectType.require(context.parameters.get("type")))
        }
        router.get("/crm/v3/objects/:type/:id") { request, context in
            try get(request, type: try HubSpotObjectType.require(context.parameters.get("type")), id: Self.pathID(context))
        }
        router.patch("/crm/v3/objects/:type/:id") { request, context in
            try await update(
                request, type: try HubSpotObjectType.require(context.parameters.get("type")), id: Self.pathID(context))
        }
        router.delete("/crm/v3/objects/:type/:id") { request, context in
            let type = try HubSpotObjectType.require(context.parameters.get("type"))
            let session = try session(request, type, write: true)
            let now = HubSpotTimestamp.nowMilliseconds()
            if let id = Int(context.parameters.get("id") ?? "") {
                let change = try state.withPortal(session.hubID) { portal in portal.archive(type, id: id, now: now) }
                if let change { emit([change], hubID: session.hubID) }
            }
            return Response(status: .noContent, headers: session.headers)
        }
    }

    private func create(_ request: Request, type: HubSpotObjectType) async throws -> Response {
        let session = try session(request, type, write: true)
        let body = try await Self.jsonBody(request)
        guard body.object != nil else { throw HubSpotError.validation("The body must be an object with properties.") }
        let input = HubSpotCreateInput(
            properties: try Self.propertyValues(body["properties"]),
            associations: try Self.associationInputs(body["associations"], from: type))
        let now = HubSpotTimestamp.nowMilliseconds()
        let (object, changes) = try state.withPortal(session.hubID) { portal throws(HubSpotError) in
            try portal.validateCreate(type, input)
            return portal.create(type, input, now: now)
        }
        emit(changes, hubID: session.hubID)
        return Response.json(object.json(properties: nil), status: .created, headers: session.headers)
    }

    private func list(_ request: Request, type: HubSpotObjectType) throws -> Response {
        let session = try session(request, type, write: false)
        let query = request.uri.queryParameters
        let limit = min(max(query.get("limit").flatMap(Int.init) ?? 10, 1), 100)
        var after: Int?
        if let text = query.get("after"), !text.isEmpty {
            guard let value = Int(text) else { throw HubSpotError.validation("after \(text) is not a valid paging cursor.") }
            after = value
        }
        let archived = query.get("archived") == "true"
        let properties = Self.list(request, "properties")
        let withHistory = Self.list(request, "propertiesWithHistory")
        let associationTypes = Self.list(request, "associations")
        let shown = properties.isEmpty ? type.defaultProperties : properties
        let (results, next) = try state.withPortal(session.hubID) { portal in
            let (objects, next) = portal.page(type, after: after, limit: limit, archived: archived)
            return (
                objects.map {
                    $0.json(
                        properties: shown, withHistory: withHistory,
                        associations: portal.associationsJSON(of: type, id: $0.id, to: associationTypes))
                }, next
            )
        }
        var answer: [String: JSONValue] = ["results": .array(results)]
        if let next {
            answer["paging"] = [
                "next": [
                    "after": .string(String(next)),
                    "link": .string("\(Self.baseURL(request))/crm/v3/objects/\(type.name)?after=\(next)"),
                ]
            ]
        }
        return Response.json(.object(answer), headers: session.headers)
    }

    private func get(_ request: Request, type: HubSpotObjectType, id: String) throws -> Response {
        let session = try session(request, type, write: false)
        let query = request.uri.queryParameters
        let idProperty = query.get("idProperty")
        let archived = query.get("archived") == "true"
        let properties = Self.list(request, "properties")
        let withHistory = Self.list(request, "propertiesWithHistory")
        let associationTypes = Self.list(request, "associations")
        let json = try state.withPortal(session.hubID) { portal throws(HubSpotError) -> JSONValue in
            let found: HubSpotObject?
            if archived {
                found = Int(id).flatMap { portal.object(type, $0) }.flatMap { $0.archived ? $0 : nil }
            } else {
                found = portal.find(type, id: id, idProperty: idProperty).flatMap { $0.archived ? nil : $0 }
            }
            guard let object = found else {
                throw HubSpotError.notFound(
                    "Object not found.  objectId are usually numeric.", context: ["id": [id]])
            }
            return object.json(
                properties: properties.isEmpty ? type.defaultProperties : properties, withHistory: withHistory,
                associations: portal.associationsJSON(of: type, id: object.id, to: associationTypes))
        }
        return Response.json(json, headers: session.headers)
    }

    private func update(_ request: Request, type: HubSpotObjectType, id: String) async throws -> Response {
        let session = try session(request, type, write: true)
        let body = try await Self.jsonBody(request)
        let properties = try Self.propertyValues(body["properties"])
        let idProperty = request.uri.queryParameters.get("idProperty")
        let now = HubSpotTimestamp.nowMilliseconds()
        let (object, changes) = try state.withPortal(session.hubID) { portal throws(HubSpotError) in
            guard let existing = portal.find(type, id: id, idProperty: idProperty), !existing.archived else {
                throw HubSpotError.notFound("Object not found.  objectId are usually numeric.", context: ["id": [id]])
            }
            try portal.validateUpdate(type, id: existing.id, properties)
            return portal.update(type, id: existing.id, properties, now: now)!
        }
        emit(changes, hubID: session.hubID)
        return Response.json(object.json(properties: nil), headers: session.headers)
    }

    /// The `{id}` path segment percent-decoded, as HubSpot reads an email used as the id.
    static func pathID(_ context: ProviderRequestContext) -> String {
        let raw = context.parameters.get("id") ?? ""
        return raw.removingPercentEncoding ?? raw
    }
}
