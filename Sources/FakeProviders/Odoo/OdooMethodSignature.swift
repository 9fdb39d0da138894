import FakeSupport

/// The Python signature of one ORM method the fake serves, as JSON-2 binds named arguments to it and
/// `/doc-bearer/<model>.json` describes it.
struct OdooMethodSignature: Sendable {
    /// One parameter after `self`.
    struct Parameter: Sendable {
        /// How Python binds the parameter.
        enum Kind: String, Sendable {
            case positionalOrKeyword = "POSITIONAL_OR_KEYWORD", keywordOnly = "KEYWORD_ONLY"
            case variadicKeyword = "VAR_KEYWORD"
        }

        let name: String
        /// The default value; nil when the parameter is required.
        let defaultValue: JSONValue?
        var kind = Kind.positionalOrKeyword
        let annotation: String

        /// `name`, `name=default`, `*, name=default` or `**name`, as `inspect.signature` prints it.
        var text: String {
            if kind == .variadicKeyword { return "**\(name)" }
            guard let defaultValue else { return name }
            return "\(name)=\(Self.python(defaultValue))"
        }

        private static func python(_ value: JSONValue) -> String {
            switch value {
            case .null: "None"
            case .bool(let flag): flag ? "True" : "False"
            case .string(let text): "'\(text)'"
            default: value.jsonText
            }
        }
    }

    let name: String
    let parameters: [Parameter]
    /// `@api.model`: called on the model, so JSON-2 refuses `ids`.
    let isModelMethod: Bool
    /// `@api.readonly`.
    var isReadonly = false
    /// The class that introduces the method (`core` for `BaseModel`) and its module.
    var owner = (model: "core", module: "core")
    let returns: String

    /// `(domain, offset=0, limit=None, order=None) -> list[int]`.
    var text: String {
        var parts: [String] = []
        var starred = false
        for parameter in parameters {
            if parameter.kind == .keywordOnly, !starred {
                parts.append("*")
                starred = true
            }
            parts.append(parameter.text)
        }
        return "(\(parts.joined(separator: ", "))) -> \(returns)"
    }

    /// Checks named arguments as `inspect.Signature.bind` does, throwing its `TypeError` text.
    func bind(_ arguments: [String: JSONValue]) throws(OdooFault) {
        let accepts = parameters.contains { $0.kind == .variadicKeyword }
        for key in arguments.keys.sorted() where !accepts && !parameters.contains(where: { $0.name == key }) {
            throw .unprocessable("got an unexpected keyword argument '\(key)'")
        }
        for parameter in parameters where parameter.defaultValue == nil && parameter.kind != .variadicKeyword {
            if arguments[parameter.name] == nil {
                throw .unprocessable("missing a required argument: '\(parameter.name)'")
            }
        }
    }

    /// The signatures of `model`'s public methods the fake implements, by name.
    static func all(for model: OdooModel) -> [String: OdooMethodSignature] {
        var methods = orm
        if model.isThread { methods.append(messagePost) }
        if model.name == "res.users" { methods.append(contextGet) }
        return Dictionary(uniqueKeysWithValues: methods.map { ($0.name, $0) })
    }

    /// The signature of `model.method`, or nil when the fake does not serve it.
    static func named(_ method: String, on model: OdooModel) -> OdooMethodSignature? { all(for: model)[method] }

    private static func p(_ name: String, _ defaultValue: JSONValue? = nil, _ annotation: String) -> Parameter {
        Parameter(name: name, defaultValue: defaultValue, annotation: annotation)
    }

    private static let domain = "list[tuple[str, str, typing.Any] | str]"

    private static let orm: [OdooMethodSignature] = [
        OdooMethodSignature(
            name: "create", parameters: [p("vals_list", nil, "list[dict[str, typing.Any]]")], isModelMethod: true,
            returns: "list[int]"),
        OdooMethodSignature(
            name: "write", parameters: [p("vals", nil, "dict[str, typing.Any]")], isModelMethod: false, returns: "bool"),
        OdooMethodSignature(name: "unlink", parameters: [], isModelMethod: false, returns: "bool"),
        OdooMethodSignature(
            name: "read", parameters: [p("fields", .null, "Sequence[str] | None"), p("load", "_classic_read", "str")],
            isModelMethod: false, isReadonly: true, returns: "list[dict[str, typing.Any]]"),
        OdooMethodSignature(
            name: "search",
            parameters: [p("domain", nil, domain), p("offset", 0, "int"), p("limit", .null, "int | None"),
                p("order", .null, "str | None")],
            isModelMethod: true, isReadonly: true, returns: "list[int]"),
        OdooMethodSignature(
            name: "search_count", parameters: [p("domain", nil, domain), p("limit", .null, "int | None")],
            isModelMethod: true, isReadonly: true, returns: "int"),
        OdooMethodSignature(
            name: "search_read",
            parameters: [p("domain", .null, domain + " | None"), p("fields", .null, "Sequence[str] | None"),
                p("offset", 0, "int"), p("limit", .null, "int | None"), p("order", .null, "str | None"),
                Parameter(name: "read_kwargs", defaultValue: nil, kind: .variadicKeyword, annotation: "typing.Any")],
            isModelMethod: true, isReadonly: true, returns: "list[dict[str, typing.Any]]"),
        OdooMethodSignature(
            name: "fields_get",
            parameters: [p("allfields", .null, "Collection[str] | None"), p("attributes", .null, "Collection[str] | None")],
            isModelMethod: true, isReadonly: true, returns: "dict[str, dict[str, typing.Any]]"),
        OdooMethodSignature(
            name: "name_search",
            parameters: [p("name", "", "str"), p("domain", .null, domain + " | None"), p("operator", "ilike", "str"),
                p("limit", 100, "int")],
            isModelMethod: true, isReadonly: true, returns: "list[tuple[int, str]]"),
    ]

    private static let messagePost = OdooMethodSignature(
        name: "message_post",
        parameters: [
            Parameter(name: "body", defaultValue: "", kind: .keywordOnly, annotation: "str | Markup"),
            Parameter(name: "subject", defaultValue: .null, kind: .keywordOnly, annotation: "str | None"),
            Parameter(name: "message_type", defaultValue: "notification", kind: .keywordOnly, annotation: "str"),
            Parameter(name: "subtype_xmlid", defaultValue: .null, kind: .keywordOnly, annotation: "str | None"),
            Parameter(name: "kwargs", defaultValue: nil, kind: .variadicKeyword, annotation: "typing.Any"),
        ],
        isModelMethod: false, owner: ("mail.thread", "mail"), returns: "int")

    private static let contextGet = OdooMethodSignature(
        name: "context_get", parameters: [], isModelMethod: true, isReadonly: true, owner: ("res.users", "base"),
        returns: "dict[str, typing.Any]")
}
