import FakeSupport

/// One association type between two objects: its category and numeric id.
struct HubSpotAssociationSpec: Sendable, Hashable {
    /// `HUBSPOT_DEFINED`, `USER_DEFINED` or `INTEGRATOR_DEFINED`.
    let category: String
    /// The type id, e.g. 194 for call to contact.
    let typeID: Int

    static let categories: Set<String> = ["HUBSPOT_DEFINED", "USER_DEFINED", "INTEGRATOR_DEFINED"]

    var json: JSONValue { ["associationCategory": .string(category), "associationTypeId": .int(typeID)] }
}

/// HubSpot's own association type ids: direction, inverse and the default per pair of types.
enum HubSpotAssociationTypes {
    /// `(from, to, id, inverse id, label)`; the label is null for unlabelled types.
    private static let table: [(from: String, to: String, id: Int, inverse: Int, primary: Bool)] = [
        ("contacts", "companies", 279, 280, false),
        ("contacts", "companies", 1, 2, true),
        ("deals", "contacts", 3, 4, false),
        ("deals", "companies", 341, 342, false),
        ("deals", "companies", 5, 6, true),
        ("tickets", "contacts", 16, 15, false),
        ("calls", "contacts", 194, 193, false),
        ("calls", "companies", 182, 181, false),
        ("calls", "deals", 206, 205, false),
        ("notes", "contacts", 202, 201, false),
        ("notes", "companies", 190, 189, false),
        ("notes", "deals", 214, 213, false),
        ("tasks", "contacts", 204, 203, false),
        ("emails", "contacts", 198, 197, false),
        ("meetings", "contacts", 200, 199, false),
    ]

    /// The HubSpot-defined id for `from` → `to` (unlabelled), if there is one.
    static func defaultID(from: String, to: String) -> Int? {
        if let row = table.first(where: { $0.from == from && $0.to == to && !$0.primary }) { return row.id }
        if let row = table.first(where: { $0.from == to && $0.to == from && !$0.primary }) { return row.inverse }
        return nil
    }

    /// The pair of types a HubSpot-defined id links, in its direction, if known.
    static func types(of typeID: Int) -> (from: String, to: String)? {
        if let row = table.first(where: { $0.id == typeID }) { return (row.from, row.to) }
        if let row = table.first(where: { $0.inverse == typeID }) { return (row.to, row.from) }
        return nil
    }

    /// The id of the same association seen from the other side.
    static func inverse(of spec: HubSpotAssociationSpec) -> HubSpotAssociationSpec {
        guard spec.category == "HUBSPOT_DEFINED" else { return spec }
        if let row = table.first(where: { $0.id == spec.typeID }) { return .init(category: spec.category, typeID: row.inverse) }
        if let row = table.first(where: { $0.inverse == spec.typeID }) { return .init(category: spec.category, typeID: row.id) }
        return spec
    }

    /// The label v4 shows: `Primary` for primary company types, null otherwise.
    static func label(of spec: HubSpotAssociationSpec) -> String? {
        guard spec.category == "HUBSPOT_DEFINED" else { return nil }
        let isPrimary = table.contains { $0.primary && ($0.id == spec.typeID || $0.inverse == spec.typeID) }
        return isPrimary ? "Primary" : nil
    }
}
