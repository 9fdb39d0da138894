/// Something the harness itself must have for a probe to judge the target: a secret, CRM read access, a URL.
///
/// A probe whose needs are not met is *unverified*: neither a pass nor a failure of the target. The same list
/// drives `canary preflight`, so what it reports missing is exactly what would leave probes unverified.
public enum HarnessNeed: Sendable, Hashable, CustomStringConvertible {
    /// A secret read from this environment variable.
    case secret(String, purpose: String)
    /// Read access to a CRM's API (`target.crm_read.<provider>`), to check effects there.
    case crmRead(String)
    /// The frontend's base URL (`target.frontend_url` or `FRONTEND_URL`).
    case frontendURL

    public var description: String {
        switch self {
        case .secret(let name, let purpose): "\(name) (\(purpose))"
        case .crmRead(let provider): "CRM read access for \(provider)"
        case .frontendURL: "a frontend URL"
        }
    }

    /// Why the need is not met for `target` and `secrets`, as a sentence naming what to set; nil when it is met.
    public func problem(target: ProbeTarget, secrets: ProbeSecrets) -> String? {
        switch self {
        case .secret(let name, let purpose):
            return secrets[name] == nil ? "\(name) is not set (\(purpose))" : nil
        case .crmRead(let provider):
            guard let access = target.crmRead[provider] else {
                return target.crmReadUnavailable[provider]
                    ?? "no CRM read access for \(provider): set target.crm_read.\(provider)"
            }
            return secrets[access.credentialSecret] == nil
                ? "\(access.credentialSecret) is not set (read access to \(provider), to check effects there)" : nil
        case .frontendURL:
            return target.frontendURL == nil ? "no frontend URL: set FRONTEND_URL or target.frontend_url" : nil
        }
    }
}

extension HarnessNeed {
    /// The signing secret of a webhook source, when its scheme uses one.
    static func signingSecret(_ source: String, _ target: ProbeTarget) -> [HarnessNeed] {
        let signing = target.signing(for: source)
        guard signing.scheme.needsSecret else { return [] }
        return [.secret(signing.secretName ?? "target.signing.\(source).secret", purpose: "signs \(source) webhooks")]
    }

    /// The admin bearer token, when the plan names one.
    static func adminToken(_ target: ProbeTarget) -> [HarnessNeed] {
        target.adminAuthSecret.map { [.secret($0, purpose: "admin routes")] } ?? []
    }
}
