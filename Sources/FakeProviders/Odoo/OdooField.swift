import FakeSupport

/// One field of an Odoo model, as `fields_get` describes it.
struct OdooField: Sendable {
    /// Odoo field types the fake stores.
    enum Kind: String, Sendable {
        case char, text, html, integer, float, monetary, boolean, date, datetime, selection, many2one
        case many2oneReference = "many2one_reference"
    }

    let name: String
    let string: String
    let kind: Kind
    var required = false
    var readonly = false
    var relation: String? = nil
    var selection: [(String, String)] = []
    /// Computed from other fields; never written.
    var computed = false

    init(
        _ name: String, _ string: String, _ kind: Kind, required: Bool = false, readonly: Bool = false,
        relation: String? = nil, selection: [(String, String)] = [], computed: Bool = false
    ) {
        self.name = name
        self.string = string
        self.kind = kind
        self.required = required
        self.readonly = readonly || computed
        self.relation = relation
        self.selection = selection
        self.computed = computed
    }

    /// The field's `fields_get` description.
    var description: [String: JSONValue] {
        var entry: [String: JSONValue] = [
            "type": .string(kind.rawValue), "string": .string(string), "required": .bool(required),
            "readonly": .bool(readonly), "store": .bool(!computed), "searchable": true, "sortable": .bool(!computed),
            "help": false, "name": .string(name),
        ]
        if let relation { entry["relation"] = .string(relation) }
        if kind == .selection { entry["selection"] = .array(selection.map { [.string($0.0), .string($0.1)] }) }
        return entry
    }

    /// The value `read` returns when the field holds nothing: `False`, or 0 for numbers.
    var emptyValue: JSONValue {
        switch kind {
        case .integer, .many2oneReference: .int(0)
        case .float, .monetary: .number(0)
        default: .bool(false)
        }
    }
}
