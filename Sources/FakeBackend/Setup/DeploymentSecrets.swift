import Foundation

/// The fake deployment's secrets: webhook signing secrets, the token encryption key and the admin token.
///
/// Values are generated per run unless given; they are handed to the harness only through
/// ``environment`` (the seed's variable names), never logged.
public struct DeploymentSecrets: Sendable {
    /// Signing secret per webhook source (Odoo has none by default).
    public var webhookSecrets: [WebhookSource: String]
    /// Key material for encrypting CRM tokens at rest, like the seed's `ENCRYPTION_KEY`.
    public var encryptionKey: String
    /// Bearer token the admin routes require when the profile asks for one.
    public var adminToken: String

    /// Creates secrets from explicit values.
    public init(webhookSecrets: [WebhookSource: String], encryptionKey: String, adminToken: String) {
        self.webhookSecrets = webhookSecrets
        self.encryptionKey = encryptionKey
        self.adminToken = adminToken
    }

    /// Fresh random secrets; Stripe's keeps its `whsec_` prefix.
    public static func random() -> DeploymentSecrets {
        DeploymentSecrets(
            webhookSecrets: [
                .hubspot: token(), .zoho: token(), .retell: "key_" + token(), .stripe: "whsec_" + token(),
            ],
            encryptionKey: token(), adminToken: "adm_" + token())
    }

    /// Environment variable holding the admin token.
    static let adminTokenVariable = "CRM_ADMIN_TOKEN"

    /// The environment variable names of the values a harness needs (not the encryption key):
    /// each signed webhook source's secret, then the admin token.
    public static let variableNames = WebhookSource.allCases.compactMap(\.secretVariable) + [adminTokenVariable]

    /// The values under the environment variable names a plan reads them from.
    public var environment: [String: String] {
        var environment = ["ENCRYPTION_KEY": encryptionKey, Self.adminTokenVariable: adminToken]
        for (source, secret) in webhookSecrets {
            if let name = source.secretVariable { environment[name] = secret }
        }
        return environment
    }

    private static func token() -> String {
        (0..<24).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
    }
}
