/// An Odoo model the fake serves, with its fields and default order.
struct OdooModel: Sendable {
    let name: String
    let description: String
    let fields: [OdooField]
    /// `_order`, e.g. `complete_name ASC, id DESC`.
    let order: String
    /// Whether records can be created, written and unlinked through the API.
    var writable = true
    /// Whether `message_post` works (the model inherits `mail.thread`).
    var isThread = false

    /// The field named `name`, `id` included.
    func field(_ name: String) -> OdooField? {
        if name == "id" { return OdooField("id", "ID", .integer, readonly: true) }
        return fields.first { $0.name == name }
    }

    /// Whether the model archives with `active`, so searches skip inactive records by default.
    var hasActive: Bool { field("active") != nil }

    /// The model for a name, or nil.
    static func named(_ name: String) -> OdooModel? { all.first { $0.name == name } }

    static let all = [partner, lead, activity, irModel, users]

    private static let audit = [
        OdooField("display_name", "Display Name", .char, computed: true),
        OdooField("create_date", "Created on", .datetime, readonly: true),
        OdooField("write_date", "Last Updated on", .datetime, readonly: true),
        OdooField("create_uid", "Created by", .many2one, readonly: true, relation: "res.users"),
        OdooField("write_uid", "Last Updated by", .many2one, readonly: true, relation: "res.users"),
    ]

    static let partner = OdooModel(
        name: "res.partner", description: "Contact",
        fields: [
            OdooField("name", "Name", .char),
            OdooField("email", "Email", .char),
            OdooField("phone", "Phone", .char),
            OdooField("mobile", "Mobile", .char),
            OdooField("is_company", "Is a Company", .boolean),
            OdooField("parent_id", "Related Company", .many2one, relation: "res.partner"),
            OdooField(
                "type", "Address Type", .selection,
                selection: [("contact", "Contact"), ("invoice", "Invoice Address"), ("delivery", "Delivery Address"),
                    ("other", "Other Address")]),
            OdooField("function", "Job Position", .char),
            OdooField("street", "Street", .char),
            OdooField("city", "City", .char),
            OdooField("zip", "Zip", .char),
            OdooField("country_id", "Country", .many2one, relation: "res.country"),
            OdooField("website", "Website Link", .char),
            OdooField("comment", "Notes", .html),
            OdooField("active", "Active", .boolean),
        ] + audit,
        order: "name ASC, id DESC", isThread: true)

    static let lead = OdooModel(
        name: "crm.lead", description: "Lead/Opportunity",
        fields: [
            OdooField("name", "Opportunity", .char, required: true),
            OdooField("type", "Type", .selection, required: true, selection: [("lead", "Lead"), ("opportunity", "Opportunity")]),
            OdooField("partner_id", "Customer", .many2one, relation: "res.partner"),
            OdooField("contact_name", "Contact Name", .char),
            OdooField("partner_name", "Company Name", .char),
            OdooField("email_from", "Email", .char),
            OdooField("phone", "Phone", .char),
            OdooField("user_id", "Salesperson", .many2one, relation: "res.users"),
            OdooField("team_id", "Sales Team", .many2one, relation: "crm.team"),
            OdooField("stage_id", "Stage", .many2one, relation: "crm.stage"),
            OdooField("expected_revenue", "Expected Revenue", .monetary),
            OdooField("probability", "Probability", .float),
            OdooField(
                "priority", "Priority", .selection,
                selection: [("0", "Low"), ("1", "Medium"), ("2", "High"), ("3", "Very High")]),
            OdooField("description", "Notes", .html),
            OdooField("active", "Active", .boolean),
        ] + audit,
        order: "priority desc, id desc", isThread: true)

    static let activity = OdooModel(
        name: "mail.activity", description: "Activity",
        fields: [
            OdooField("res_model_id", "Document Model", .many2one, required: true, relation: "ir.model"),
            OdooField("res_model", "Related Document Model", .char, computed: true),
            OdooField("res_id", "Related Document ID", .many2oneReference, required: true),
            OdooField("res_name", "Document Name", .char, computed: true),
            OdooField("activity_type_id", "Activity Type", .many2one, relation: "mail.activity.type"),
            OdooField("summary", "Summary", .char),
            OdooField("note", "Note", .html),
            OdooField("date_deadline", "Due Date", .date, required: true),
            OdooField("user_id", "Assigned to", .many2one, relation: "res.users"),
        ] + audit,
        order: "date_deadline ASC, id ASC")

    static let irModel = OdooModel(
        name: "ir.model", description: "Models",
        fields: [
            OdooField("name", "Model Description", .char, required: true),
            OdooField("model", "Model", .char, required: true),
        ] + audit,
        order: "model", writable: false)

    static let users = OdooModel(
        name: "res.users", description: "User",
        fields: [
            OdooField("login", "Login", .char, required: true),
            OdooField("name", "Name", .char, computed: false),
            OdooField("partner_id", "Related Partner", .many2one, required: true, relation: "res.partner"),
            OdooField("email", "Email", .char),
            OdooField("company_id", "Company", .many2one, relation: "res.company"),
            OdooField("tz", "Timezone", .char),
            OdooField("lang", "Language", .char),
            OdooField("active", "Active", .boolean),
        ] + audit,
        order: "name, login", writable: false)

    /// Names of records of models the fake does not store, for many2one reads: `[id, "name"]`.
    static let referenceNames: [String: [Int: String]] = [
        "crm.stage": [1: "New", 2: "Qualified", 3: "Proposition", 4: "Won"],
        "crm.team": [1: "Sales", 2: "Website"],
        "mail.activity.type": [1: "Email", 2: "Call", 3: "Meeting", 4: "To-Do"],
        "res.country": [21: "Belgium", 75: "France", 233: "United States"],
        "res.company": [1: "My Company"],
    ]
}
