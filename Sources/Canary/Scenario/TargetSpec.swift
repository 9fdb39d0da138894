import Probes

/// The `target:` section of a plan: where the deployment is and how it speaks.
///
/// Keys (all optional): `backend_url`, `frontend_url`, `workspace_id` (text or `env:NAME`); `providers` (list,
/// default hubspot, zoho, odoo); `healthy` (list for both health endpoints, or `{health: […], crm_health: […]}`); `paths` (map); `secrets` (env names); `signing` (source →
/// `{scheme, secret: env:NAME, header}`); `oauth_mode` (full | shallow, default full); `required_scopes`
/// (provider → list); `redirect_uri` (default `{backend}/crm/{provider}/callback`); `admin_auth` (`env:NAME`);
/// `crm_read` (provider → `base_url`, `token` / `database`, `login`, `api_key`); `metrics_format`
/// (prometheus | json, default prometheus); `tls` (`{ca_file: PEM path, insecure_skip_verify: bool}`);
/// `metrics_source` (`{prometheus: URL, selector: '{job="backend"}'}`, default: scrape the target).
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
    /// Status words `/health` uses for "healthy".
    public var healthyWords: Set<String>
    /// Status words `/crm/health` uses for "healthy"; nil means the same as `/health`'s.
    public var crmHealthyWords: Set<String>? = nil
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
    /// How probes trust the target's certificate (`tls: {ca_file, insecure_skip_verify}`).
    public var tls = ProbeTLS()
    /// The Prometheus that metric rules are evaluated through; nil evaluates them over the harness's own scrapes.
    public var metricsSource: PrometheusSource?

    /// Every secret name the plan refers to: `secrets:`, signing secrets, `admin_auth` and CRM credentials.
    public var allSecretNames: [String] {
        var names = secretNames
        names += WebhookSigning.sources.compactMap { signing[$0]?.secretName }
        names += adminAuthSecret.map { [$0] } ?? []
        for provider in crmRead.keys.sorted() {
            guard let spec = crmRead[provider] else { continue }
            names.append(spec.credentialSecret)
            if let refresh = spec.refresh { names += [refresh.clientSecretName, refresh.refreshTokenName] }
        }
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
    /// How to refresh an expired token (Zoho), before the environment is read.
    public var refresh: TokenRefreshSpec?

    /// Read access from the conventional environment variables.
    public static let defaults: [String: CRMReadSpec] = [
        "hubspot": CRMReadSpec(
            baseURL: .environment("HUBSPOT_API_URL"), fallbackBaseURL: "https://api.hubapi.com",
            credentialSecret: "HUBSPOT_ACCESS_TOKEN"),
        "zoho": CRMReadSpec(
            baseURL: .environment("ZOHO_API_URL"), credentialSecret: "ZOHO_ACCESS_TOKEN",
            refresh: TokenRefreshSpec(
                tokenURL: .environment("ZOHO_TOKEN_URL"), fallbackTokenURL: "https://accounts.zoho.com/oauth/v2/token",
                clientID: .environment("ZOHO_CLIENT_ID"), clientSecretName: "ZOHO_CLIENT_SECRET",
                refreshTokenName: "ZOHO_REFRESH_TOKEN")),
        "odoo": CRMReadSpec(
            baseURL: .environment("ODOO_BASE_URL"), credentialSecret: "ODOO_API_KEY", database: .environment("ODOO_DB"),
            login: .environment("ODOO_LOGIN")),
    ]
}

/// A plan's `crm_read.zoho` refresh settings: `token_url`, `client_id`, `client_secret`, `refresh_token`.
public struct TokenRefreshSpec: Sendable, Equatable {
    /// The token endpoint.
    public var tokenURL: ValueSource?
    /// Used when `tokenURL` does not resolve (Zoho's US accounts server).
    public var fallbackTokenURL: String?
    /// The OAuth client id.
    public var clientID: ValueSource?
    /// Environment variable holding the client secret.
    public var clientSecretName: String
    /// Environment variable holding the refresh token.
    public var refreshTokenName: String

    /// The refresh settings with every value read from `environment`; nil when the client id or endpoint is missing.
    public func resolve(in environment: [String: String]) -> TokenRefresh? {
        guard let url = tokenURL?.resolve(in: environment) ?? fallbackTokenURL,
            let clientID = clientID?.resolve(in: environment)
        else { return nil }
        return TokenRefresh(
            tokenURL: url, clientID: clientID, clientSecretName: clientSecretName, refreshTokenName: refreshTokenName)
    }
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
