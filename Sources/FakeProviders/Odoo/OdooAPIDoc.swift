import FakeSupport

/// The documents of Odoo's `api_doc` module behind `/doc-bearer/…`: the reflection of a model's fields and
/// public methods, which JSON-2 clients read to name positional arguments.
enum OdooAPIDoc {
    /// `<model>.json`: `model`, `name`, `doc`, `fields` (`fields_get` plus `module`) and `methods`. Written as
    /// text because each method's `parameters` must keep Python's order, which sorted JSON objects lose.
    static func model(_ model: OdooModel, fields: JSONValue) -> String {
        var described: [String: JSONValue] = [:]
        for (name, field) in fields.object ?? [:] {
            var entry = field.object ?? [:]
            let declared = model.fields.contains { $0.name == name } && !audit.contains(name)
            entry["module"] = declared ? .string(module(of: model)) : .null
            described[name] = .object(entry)
        }
        let methods = OdooMethodSignature.all(for: model).values.sorted { $0.name < $1.name }
            .map { ($0.name, method($0)) }
        return ordered([
            ("model", JSONValue.string(model.name).jsonText), ("name", JSONValue.string(model.description).jsonText),
            ("doc", "null"), ("fields", JSONValue.object(described).jsonText), ("methods", ordered(methods)),
        ])
    }

    /// `index.json`: the modules and, per model, its field labels and public method names.
    static var index: JSONValue {
        [
            "modules": ["base", "mail", "crm"],
            "models": .array(
                OdooModel.all.map { model in
                    let fields = ([model.field("id")!] + model.fields).map { field in
                        (field.name, JSONValue.object(["string": .string(field.string)]))
                    }
                    return [
                        "model": .string(model.name), "name": .string(model.description),
                        "fields": .object(Dictionary(uniqueKeysWithValues: fields)),
                        "methods": .array(OdooMethodSignature.all(for: model).keys.sorted().map { .string($0) }),
                    ]
                }),
        ]
    }

    private static let audit: Set<String> = ["display_name", "create_date", "write_date", "create_uid", "write_uid"]

    private static func module(of model: OdooModel) -> String {
        switch model.name {
        case "crm.lead": "crm"
        case "mail.activity": "mail"
        default: "base"
        }
    }

    private static func method(_ signature: OdooMethodSignature) -> String {
        let parameters = signature.parameters.map { parameter in
            var entry: [String: JSONValue] = ["name": .string(parameter.name), "annotation": .string(parameter.annotation)]
            if parameter.kind != .positionalOrKeyword { entry["kind"] = .string(parameter.kind.rawValue) }
            if let value = parameter.defaultValue { entry["default"] = value }
            return (parameter.name, JSONValue.object(entry).jsonText)
        }
        var api: [JSONValue] = []
        if signature.isModelMethod { api.append("model") }
        if signature.isReadonly { api.append("readonly") }
        return ordered([
            ("signature", JSONValue.string(signature.text).jsonText), ("parameters", ordered(parameters)),
            ("return", JSONValue.object(["annotation": .string(signature.returns)]).jsonText), ("raise", "{}"),
            ("api", JSONValue.array(api).jsonText), ("model", JSONValue.string(signature.owner.model).jsonText),
            ("module", JSONValue.string(signature.owner.module).jsonText),
        ])
    }

    /// A JSON object from members already written as JSON text, in the order given.
    private static func ordered(_ members: [(String, String)]) -> String {
        "{" + members.map { JSONValue.string($0.0).jsonText + ":" + $0.1 }.joined(separator: ",") + "}"
    }
}
