import Probes

/// The `target:` section of a plan: where the deployment is and how it speaks.
///
/// Keys (all optional): `backend_url`, `frontend_url`, `workspace_id` (text or `env:NAME`); `providers` (list,
/// default hubspot, zoho, odoo); `healthy` (list); `paths` (map); `secrets` (env names); `signing` (source →
/// `{scheme, secret: env:NAME, header}`); `oauth_mode` (full | shallow, default full); `required_scopes`
/// (provider → list); `redirect_uri` (default `{backend}/crm/{provider}/callback`); `admin_auth` (`env:NAME`);
/// `crm_read` (provider → `base_url`, `token` / `database`, `login`, `api_key`); `metrics_format`
/// (prometheus | json, default prometheus).
public struct TargetSpec: Sendable {
    /// Backend base URL, literal or from an environment variable; `--target` overrides it.
    public var backendURL: ValueSource?
    /// Frontend base URL, for CORS and frontend probes.
    public var frontendURL: ValueSource?
    /// Workspace the canary acts for.
    public var workspaceID: ValueSource?
    /// CRM providers the deployment integrates with.
    public var providers: [String]
    /// Endpoint paths.
    public var paths: ProbeTarget.Paths
    /// Status words the target uses for "healthy".
    public var healthyWords: Set<String>
    /// Environment variables holding secrets the probes need (names only), as listed under `secrets:`.
    public var secretNames: [String]
    /// Webhook signing per source, the contract's defaults overlaid with the plan's.
    public var signing: [String: WebhookSigning] = WebhookSigning.defaults
    /// How far `oauth.flow` goes.
    public var oauthMode: ProbeTarget.OAuthMode = .full
    /// Scopes the authorize URL must request, by provider.
    public var requiredScopes: [String: [String]] = [:]
    /// The callback the authorize URL must name.
    public var expectedRedirectURI = "{backend}/crm/{provider}/callback"
    /// Environment variable sent as the bearer token on admin calls.
    public var adminAuthSecret: String?
    /// How probes read each CRM, the defaults overlaid with the plan's.
    public var crmRead: [String: CRMReadSpec] = CRMReadSpec.defaults
    /// The metrics endpoint's format.
    public var metricsFormat: ProbeTarget.MetricsFormat = .prometheus

    /// Every secret name the plan refers to: `secrets:`, signing secrets, `admin_auth` and CRM credentials.
    public var allSecretNames: [String] {
        var names = secretNames
        names += WebhookSigning.sources.compactMap { signing[$0]?.secretName }
        names += adminAuthSecret.map { [$0] } ?? []
        names += crmRead.keys.sorted().compactMap { crmRead[$0]?.credentialSecret }
        var seen: Set<String> = []
        return names.filter { seen.insert($0).inserted }
    }
}

/// A plan's `crm_read.<provider>` entry, before the environment is read.
public struct CRMReadSpec: Sendable, Equatable {
    /// API base URL.
    public var baseURL: ValueSource?
    /// Base URL used when `baseURL` does not resolve (HubSpot's public API).
    public var fallbackBaseURL: String?
    /// Environment variable holding the token or API key.
    public var credentialSecret: String
    /// Odoo database.
    public var database: ValueSource?
    /// Odoo login.
    public var login: ValueSource?

    /// Read access from the conventional environment variables.
    public static let defaults: [String: CRMReadSpec] = [
        "hubspot": CRMReadSpec(
            baseURL: .environment("HUBSPOT_API_URL"), fallbackBaseURL: "https://api.hubapi.com",
            credentialSecret: "HUBSPOT_ACCESS_TOKEN"),
        "zoho": CRMReadSpec(baseURL: .environment("ZOHO_API_URL"), credentialSecret: "ZOHO_ACCESS_TOKEN"),
        "odoo": CRMReadSpec(
            baseURL: .environment("ODOO_BASE_URL"), credentialSecret: "ODOO_API_KEY", database: .environment("ODOO_DB"),
            login: .environment("ODOO_LOGIN")),
    ]
}

/// A plan value written literally or as `env:NAME`.
public enum ValueSource: Sendable, Equatable, CustomStringConvertible {
    /// Written in the plan.
    case literal(String)
    /// Read from this environment variable.
    case environment(String)

    /// Reads `env:NAME` as an environment reference, anything else as a literal.
    public init(_ text: String) {
        if text.hasPrefix("env:") {
            self = .environment(String(text.dropFirst(4)))
        } else {
            self = .literal(text)
        }
    }

    /// The value, looked up in `environment` when it is a reference.
    public func resolve(in environment: [String: String]) -> String? {
        switch self {
        case .literal(let value): value
        case .environment(let name): environment[name].flatMap { $0.isEmpty ? nil : $0 }
        }
    }

    public var description: String {
        switch self {
        case .literal(let value): value
        case .environment(let name): "env:\(name)"
        }
    }
}
