/// A Zoho CRM module the fake serves (`Leads`, `Contacts`, `Calls`) with its fields.
struct ZohoModule: Sendable {
    let apiName: String
    let id: String
    let singular: String
    /// Fields checked for duplicates on upsert when the request names none.
    let defaultDuplicateCheck: [String]
    let fields: [ZohoField]

    /// The field named `apiName`, if the module has it.
    func field(_ apiName: String) -> ZohoField? { fields.first { $0.apiName == apiName } }

    /// The module for a path segment, matched case-insensitively as Zoho does.
    static func named(_ name: String) -> ZohoModule? {
        all.first { $0.apiName.lowercased() == name.lowercased() }
    }

    static let all = [leads, contacts, calls]

    private static let system: [ZohoField] = [
        ZohoField("Owner", "Lead Owner", .ownerlookup),
        ZohoField("Created_Time", "Created Time", .datetime, readOnly: true),
        ZohoField("Modified_Time", "Modified Time", .datetime, readOnly: true),
        ZohoField("Created_By", "Created By", .ownerlookup, readOnly: true),
        ZohoField("Modified_By", "Modified By", .ownerlookup, readOnly: true),
    ]

    static let leads = ZohoModule(
        apiName: "Leads", id: "5725767000000002175", singular: "Lead", defaultDuplicateCheck: ["Email"],
        fields: [
            ZohoField("Last_Name", "Last Name", .text, mandatory: true, length: 80),
            ZohoField("First_Name", "First Name", .text, length: 40),
            ZohoField("Company", "Company", .text, length: 200),
            ZohoField("Email", "Email", .email, unique: true, length: 100),
            ZohoField("Phone", "Phone", .phone, length: 30),
            ZohoField("Mobile", "Mobile", .phone, length: 30),
            ZohoField(
                "Lead_Status", "Lead Status", .picklist,
                picklist: ["-None-", "Attempted to Contact", "Contact in Future", "Contacted", "Junk Lead",
                    "Lost Lead", "Not Contacted", "Pre-Qualified", "Not Qualified"]),
            ZohoField(
                "Lead_Source", "Lead Source", .picklist,
                picklist: ["-None-", "Advertisement", "Cold Call", "Employee Referral", "External Referral",
                    "Online Store", "Partner", "Public Relations", "Sales Email Alias", "Seminar Partner",
                    "Internal Seminar", "Trade Show", "Web Download", "Web Research", "Chat"]),
            ZohoField("Description", "Description", .textarea, length: 32000),
        ] + system)

    static let contacts = ZohoModule(
        apiName: "Contacts", id: "5725767000000002179", singular: "Contact", defaultDuplicateCheck: ["Email"],
        fields: [
            ZohoField("Last_Name", "Last Name", .text, mandatory: true, length: 80),
            ZohoField("First_Name", "First Name", .text, length: 40),
            ZohoField("Email", "Email", .email, unique: true, length: 100),
            ZohoField("Phone", "Phone", .phone, length: 30),
            ZohoField("Mobile", "Mobile", .phone, length: 30),
            ZohoField("Account_Name", "Account Name", .lookup),
            ZohoField("Description", "Description", .textarea, length: 32000),
        ] + system)

    static let calls = ZohoModule(
        apiName: "Calls", id: "5725767000000002193", singular: "Call", defaultDuplicateCheck: [],
        fields: [
            ZohoField("Subject", "Subject", .text, mandatory: true, length: 255),
            ZohoField("Call_Type", "Call Type", .picklist, mandatory: true, picklist: ["Outbound", "Inbound", "Missed"]),
            ZohoField("Call_Start_Time", "Call Start Time", .datetime, mandatory: true),
            ZohoField("Call_Duration", "Call Duration", .text, length: 10),
            ZohoField("Call_Duration_in_seconds", "Call Duration (in seconds)", .integer),
            ZohoField("Who_Id", "Contact Name", .lookup, lookupModule: "Contacts"),
            ZohoField("What_Id", "Related To", .lookup),
            ZohoField("$se_module", "Related Module", .text),
            ZohoField(
                "Call_Purpose", "Call Purpose", .picklist,
                picklist: ["-None-", "Prospecting", "Administrative", "Negotiation", "Demo", "Project", "Desk"]),
            ZohoField(
                "Call_Result", "Call Result", .picklist,
                picklist: ["-None-", "Interested", "Not interested", "No response/Busy", "Requested more info",
                    "Requested call back", "Invalid number"]),
            ZohoField("Description", "Description", .textarea, length: 32000),
            ZohoField(
                "Outgoing_Call_Status", "Outgoing Call Status", .picklist, picklist: ["Scheduled", "Completed",
                    "Overdue", "Cancelled"]),
            ZohoField("Dialled_Number", "Dialled Number", .phone, length: 30),
        ] + system)
}
