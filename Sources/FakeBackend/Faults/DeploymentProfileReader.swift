import FakeSupport
import Foundation
import Yams

/// Reads a fault plan's `profile:` section into a ``DeploymentProfile``.
///
/// ```yaml
/// profile:
///   oauth_start: json            # redirect (default) or json
///   oauth_redirect_uri: https://app.example.com/oauth/callback   # named instead of the backend's callback
///   healthy_word: connected      # what health endpoints say when healthy
///   metrics: json                # prometheus (default), json or absent
///   admin_token: true            # admin routes need workspace_id and a bearer token
///   signing:
///     hubspot: {scheme: hex-hmac, header: X-HubSpot-Signature}
///     zoho: {scheme: shared-secret, header: X-Zoho-Webhook-Secret}
///     stripe: vendor             # vendor, none, or a mapping as above
///   answers:                     # route groups answering a fixed status (400–599) instead of doing their work
///     signed_webhooks: {status: 500, sources: [hubspot, zoho]}   # or `500` for every source
///     admin: 500                 # /crm/admin/*, once the admin token (if any) is checked
///     cors_preflight: 400        # OPTIONS preflights
///     imports: 404               # the CSV import upload and status routes
/// ```
struct DeploymentProfileReader {
    static let keys = [
        "oauth_start", "oauth_redirect_uri", "healthy_word", "metrics", "admin_token", "signing", "answers",
    ]
    static let schemes = ["vendor", "none", "hex-hmac", "shared-secret"]

    let yaml: FaultPlanYAML

    func read(_ node: Node) throws -> DeploymentProfile {
        guard let mapping = node.mapping else {
            throw error(at: node, "profile is not a mapping", hint: "use the keys " + Self.keys.joined(separator: ", "))
        }
        var profile = DeploymentProfile()
        for (key, value) in mapping {
            switch key.string {
            case "oauth_start":
                profile.oauthStart = try choice(value, DeploymentProfile.OAuthStart.init(rawValue:), ["redirect", "json"])
            case "oauth_redirect_uri":
                profile.oauthRedirectURI = try url(value)
            case "healthy_word":
                guard let word = value.scalar?.string, !word.isEmpty else {
                    throw error(at: value, "healthy_word is empty", hint: "use e.g. `healthy_word: connected`")
                }
                profile.healthyWord = word
            case "metrics":
                profile.metrics = try choice(
                    value, DeploymentProfile.MetricsFormat.init(rawValue:), ["prometheus", "json", "absent"])
            case "admin_token":
                guard let flag = value.bool else {
                    throw error(at: value, "admin_token must be true or false", hint: "write `admin_token: true`")
                }
                profile.adminRequiresToken = flag
            case "signing":
                profile.signing = try signing(value)
            case "answers":
                profile.answers = try answers(value)
            default:
                throw error(at: key, "unknown profile key \"\(key.string ?? "")\"", hint: "use one of " + Self.keys.joined(separator: ", "))
            }
        }
        return profile
    }

    private func signing(_ node: Node) throws -> [WebhookSource: DeploymentProfile.Signing] {
        guard let mapping = node.mapping else {
            throw error(at: node, "signing is not a mapping", hint: "map each source to a scheme, e.g. `hubspot: vendor`")
        }
        var signing: [WebhookSource: DeploymentProfile.Signing] = [:]
        for (key, value) in mapping {
            guard let source = key.string.flatMap(WebhookSource.init(rawValue:)) else {
                throw error(at: key, "unknown webhook source \"\(key.string ?? "")\"", hint: "use one of " + WebhookSource.namesList)
            }
            let scheme = value.mapping?["scheme"]?.string ?? value.string ?? ""
            let header = value.mapping?["header"]?.string
            switch scheme {
            case "vendor": signing[source] = .vendor
            case "none": signing[source] = DeploymentProfile.Signing.none
            case "hex-hmac", "shared-secret":
                guard let header, !header.isEmpty else {
                    throw error(at: value, "the \(scheme) scheme needs a header", hint: "write `{scheme: \(scheme), header: X-Signature}`")
                }
                signing[source] = scheme == "hex-hmac" ? .hexHMAC(header: header) : .sharedSecret(header: header)
            default:
                throw error(at: value, "unknown signing scheme \"\(scheme)\"", hint: "use one of " + Self.schemes.joined(separator: ", "))
            }
        }
        return signing
    }

    private func url(_ node: Node) throws -> String {
        let text = node.scalar?.string ?? ""
        guard let url = URLComponents(string: text), ["http", "https"].contains(url.scheme?.lowercased() ?? ""),
            !(url.host ?? "").isEmpty
        else {
            throw error(
                at: node, "oauth_redirect_uri \"\(text)\" is not a URL",
                hint: "write an absolute URL, e.g. `oauth_redirect_uri: https://app.example.com/oauth/callback`")
        }
        return text
    }

    private func choice<T>(_ node: Node, _ make: (String) -> T?, _ names: [String]) throws -> T {
        guard let value = node.string.flatMap(make) else {
            throw error(at: node, "unknown value \"\(node.string ?? "")\"", hint: "use one of " + names.joined(separator: ", "))
        }
        return value
    }

    func error(at node: Node, _ message: String, hint: String) -> FaultPlanError {
        yaml.error(at: node, message, hint: hint)
    }
}
