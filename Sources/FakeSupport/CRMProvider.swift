/// A CRM the backend integrates with.
public enum CRMProvider: String, CaseIterable, Codable, Hashable, Sendable, CustomStringConvertible {
    /// HubSpot.
    case hubspot
    /// Zoho CRM.
    case zoho
    /// Odoo.
    case odoo

    /// The provider's name as it appears in URLs, labels and YAML.
    public var description: String { rawValue }

    /// The known provider names joined for messages, e.g. `hubspot, zoho, odoo`.
    package static var namesList: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
