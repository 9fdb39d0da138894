/// One contact row of an imported CSV.
public struct ImportRow: Sendable, Hashable, Codable {
    public var email: String
    public var firstName: String
    public var lastName: String
    public var phone: String
    public var company: String

    public init(email: String, firstName: String, lastName: String, phone: String, company: String) {
        self.email = email
        self.firstName = firstName
        self.lastName = lastName
        self.phone = phone
        self.company = company
    }
}
