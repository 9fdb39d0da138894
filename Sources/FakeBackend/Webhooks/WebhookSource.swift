import FakeSupport

/// Who sends webhooks to the backend: the three CRMs, the voice agent and billing.
public enum WebhookSource: String, CaseIterable, Codable, Hashable, Sendable, CustomStringConvertible {
    case hubspot, zoho, odoo
    /// Voice-agent call events (Retell-style).
    case retell
    /// Billing events (Stripe-style).
    case stripe

    /// The CRM whose changes this source reports, for the three CRMs.
    public var provider: CRMProvider? { CRMProvider(rawValue: rawValue) }

    /// The source's name as it appears in URLs and labels.
    public var description: String { rawValue }

    /// The seed's environment variable for this source's webhook secret, e.g. `CRM_HUBSPOT_WEBHOOK_SECRET`.
    public var secretVariable: String? {
        switch self {
        case .hubspot: "CRM_HUBSPOT_WEBHOOK_SECRET"
        case .zoho: "CRM_ZOHO_WEBHOOK_SECRET"
        case .retell: "RETELL_WEBHOOK_SECRET"
        case .stripe: "STRIPE_WEBHOOK_SECRET"
        case .odoo: nil
        }
    }

    static var namesList: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
