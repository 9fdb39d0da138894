import FakeSupport

extension OdooDatabase {
    /// `name_search`: `[id, display_name]` pairs of the records whose name matches `name` with `operator`.
    func nameSearch(model: OdooModel, name: String, domain: OdooDomain, operatorName: String, limit: Int) throws(OdooFault)
        -> JSONValue
    {
        var effective = domain
        if !name.isEmpty {
            guard let op = OdooDomain.Operator(rawValue: operatorName) else {
                throw .valueError("Invalid leaf operator \(operatorName)")
            }
            let field = model.field("name") != nil ? "name" : "summary"
            effective = .and(.leaf(path: [field], op: op, value: .string(name)), domain)
        }
        let ids = try search(model: model, domain: effective, offset: 0, limit: limit, order: nil)
        return .array(ids.map { id in [.int(id), .string(displayName(model: model.name, id: id) ?? "")] })
    }
}
