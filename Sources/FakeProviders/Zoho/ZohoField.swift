/// One field of a Zoho module: its API name, data type and rules.
struct ZohoField: Sendable {
    /// Zoho `data_type` values the fake knows.
    enum Kind: String, Sendable {
        case text, email, phone, picklist, datetime, integer, boolean, textarea, lookup, ownerlookup, bigint
        /// The SDK's `json_type` for this data type.
        var jsonType: String {
            switch self {
            case .integer, .bigint: "integer"
            case .boolean: "boolean"
            case .lookup, .ownerlookup: "jsonobject"
            default: "string"
            }
        }
    }

    let apiName: String
    let label: String
    let kind: Kind
    var mandatory = false
    var unique = false
    var readOnly = false
    var picklist: [String] = []
    var lookupModule: String? = nil
    var length = 255

    init(
        _ apiName: String, _ label: String, _ kind: Kind, mandatory: Bool = false, unique: Bool = false,
        readOnly: Bool = false, picklist: [String] = [], lookupModule: String? = nil, length: Int = 255
    ) {
        self.apiName = apiName
        self.label = label
        self.kind = kind
        self.mandatory = mandatory
        self.unique = unique
        self.readOnly = readOnly
        self.picklist = picklist
        self.lookupModule = lookupModule
        self.length = length
    }
}
