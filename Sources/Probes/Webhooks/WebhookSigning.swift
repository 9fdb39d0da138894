/// How the backend expects one webhook source to be signed: the scheme, the secret's name and the header.
public struct WebhookSigning: Sendable, Equatable {
    /// The scheme.
    public var scheme: WebhookScheme
    /// Environment variable holding the secret; nil for `none`.
    public var secretName: String?
    /// Header carrying the value, for `hex-hmac` and `shared-secret`.
    public var header: String?

    public init(scheme: WebhookScheme, secretName: String? = nil, header: String? = nil) {
        self.scheme = scheme
        self.secretName = secretName
        self.header = header
    }

    /// Webhook sources the backend takes, in the order plans list them.
    public static let sources = ["hubspot", "zoho", "odoo", "retell", "stripe"]

    /// The default signing per source.
    public static let defaults: [String: WebhookSigning] = [
        "hubspot": WebhookSigning(scheme: .hubspotV3, secretName: "CRM_HUBSPOT_WEBHOOK_SECRET"),
        "zoho": WebhookSigning(scheme: .zohoToken, secretName: "CRM_ZOHO_WEBHOOK_SECRET"),
        "odoo": WebhookSigning(scheme: .none),
        "retell": WebhookSigning(scheme: .retell, secretName: "RETELL_WEBHOOK_SECRET"),
        "stripe": WebhookSigning(scheme: .stripe, secretName: "STRIPE_WEBHOOK_SECRET"),
    ]
}
