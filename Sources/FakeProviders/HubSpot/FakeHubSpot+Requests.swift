import FakeSupport
import Hummingbird

extension FakeHubSpot {
    /// Largest JSON body accepted.
    static let maxBodyBytes = 8 << 20

    /// Authenticates a CRM request for reading or writing objects of `type`.
    func session(_ request: Request, _ type: HubSpotObjectType, write: Bool, isSearch: Bool = false) throws
        -> HubSpotState.Session
    {
        try state.authenticate(
            authorization: request.headers.first(where: { $0.name == .authorization })?.value, scope: type.scope(write: write), isSearch: isSearch)
    }

    /// The request's JSON body, or HubSpot's 400 naming where it stops being JSON.
    static func jsonBody(_ request: Request) async throws -> JSONValue {
        let buffer = try await request.body.collect(upTo: maxBodyBytes)
        guard buffer.readableBytes > 0 else {
            throw HubSpotError.validation("Invalid input JSON on line 1, column 1: No content to map due to end-of-input")
        }
        do {
            return try JSONValue.parse(buffer.readableBytesView)
        } catch {
            throw HubSpotError.invalidJSON(error)
        }
    }

    /// A query parameter given repeatedly or comma-separated, e.g. `properties=a&properties=b,c`.
    static func list(_ request: Request, _ name: String) -> [String] {
        request.uri.queryParameters.getAll(name).flatMap { $0.split(separator: ",").map(String.init) }
            .filter { !$0.isEmpty }
    }

    /// A JSON array of strings, e.g. a body's `properties`.
    static func strings(_ value: JSONValue?) -> [String]? {
        value?.array?.compactMap(\.string)
    }

    /// `properties` of an input: every value becomes a string; objects and arrays are refused.
    static func propertyValues(_ value: JSONValue?) throws -> [String: String] {
        guard let value, value != .null else { return [:] }
        guard let members = value.object else { throw HubSpotError.validation("properties must be an object.") }
        var result: [String: String] = [:]
        for (name, value) in members {
            switch value {
            case .string(let text): result[name] = text
            case .number(let number): result[name] = JSONValue.numberText(number)
            case .integer(let number): result[name] = String(number)
            case .bool(let flag): result[name] = flag ? "true" : "false"
            case .null: result[name] = ""
            case .array, .object:
                throw HubSpotPortal.invalidProperty(
                    name: name, error: "INVALID_PROPERTY_VALUE", message: "\(name) must be a string, number or boolean")
            }
        }
        return result
    }

    /// `associations` of a create input: `[{"to":{"id"},"types":[{"associationCategory","associationTypeId"}]}]`.
    static func associationInputs(_ value: JSONValue?, from type: HubSpotObjectType) throws
        -> [(to: HubSpotPortal.ObjectKey, spec: HubSpotAssociationSpec)]
    {
        guard let value, value != .null else { return [] }
        guard let items = value.array else { throw HubSpotError.validation("associations must be an array.") }
        var result: [(to: HubSpotPortal.ObjectKey, spec: HubSpotAssociationSpec)] = []
        for item in items {
            guard let id = item["to"]?["id"].flatMap({ $0.string.flatMap(Int.init) ?? $0.int }) else {
                throw HubSpotError.validation("Each association needs to.id, the id of an existing object.")
            }
            for spec in try specs(item["types"]) {
                guard let pair = HubSpotAssociationTypes.types(of: spec.typeID), pair.from == type.name,
                    let target = HubSpotObjectType.named(pair.to)
                else {
                    throw HubSpotError.validation(
                        "\(spec.category) association type \(spec.typeID) is not valid from \(type.name).")
                }
                result.append((HubSpotPortal.ObjectKey(type: target, id: id), spec))
            }
        }
        return result
    }

    /// Association specs: `[{"associationCategory","associationTypeId"}]`.
    static func specs(_ value: JSONValue?) throws -> [HubSpotAssociationSpec] {
        guard let items = value?.array, !items.isEmpty else {
            throw HubSpotError.validation("Association types must be a non-empty array of "
                + "{\"associationCategory\", \"associationTypeId\"}.")
        }
        return try items.map { item in
            guard let category = item["associationCategory"]?.string,
                HubSpotAssociationSpec.categories.contains(category),
                let typeID = item["associationTypeId"]?.int
            else {
                throw HubSpotError.validation(
                    "associationCategory must be HUBSPOT_DEFINED, USER_DEFINED or INTEGRATOR_DEFINED, and "
                        + "associationTypeId a number.")
            }
            return HubSpotAssociationSpec(category: category, typeID: typeID)
        }
    }

    /// This server's base URL as the client addressed it, for `paging.next.link`.
    static func baseURL(_ request: Request) -> String {
        "http://" + (request.head.authority ?? "127.0.0.1")
    }
}
