/// A contact as one CRM stores it, with fields named in that CRM's own vocabulary.
public struct CRMContact: Sendable, Equatable {
    /// The CRM's record id.
    public var id: String
    /// The email, lowercased.
    public var email: String
    /// Compared fields, keyed as ``CRMReader/expectedFields(_:)`` keys them.
    public var fields: [String: String]

    public init(id: String, email: String, fields: [String: String]) {
        self.id = id
        self.email = email.lowercased()
        self.fields = fields
    }
}

/// A call activity found in a CRM.
public struct CRMCallActivity: Sendable, Equatable {
    /// The activity's record id.
    public var id: String
    /// Ids of the contacts it is linked to.
    public var contactIDs: [String]
    /// `outbound` or `inbound`, lowercased; nil when the CRM does not record it.
    public var direction: String?

    public init(id: String, contactIDs: [String], direction: String?) {
        self.id = id
        self.contactIDs = contactIDs
        self.direction = direction?.lowercased()
    }
}

/// One contact row the probes send: the columns of an import CSV.
public struct ContactRow: Sendable, Equatable {
    /// Unique email.
    public var email: String
    /// First name.
    public var firstname: String
    /// Last name.
    public var lastname: String
    /// Phone in E.164.
    public var phone: String
    /// Company name.
    public var company: String

    public init(email: String, firstname: String, lastname: String, phone: String, company: String) {
        self.email = email
        self.firstname = firstname
        self.lastname = lastname
        self.phone = phone
        self.company = company
    }
}
