import Probes

extension TargetSpec {
    /// The probes' view of the target, with every plan value read from `environment`, and the secrets it names.
    ///
    /// The frontend falls back to `FRONTEND_URL`, the workspace to `WORKSPACE_ID` and then `ws_canary`.
    /// A CRM whose base URL does not resolve gets no read access. Secrets the environment lacks are left out;
    /// the probes that need them fail with their name.
    ///
    /// ```swift
    /// let (target, secrets) = plan.target.resolve(backendURL: url, environment: ProcessInfo.processInfo.environment)
    /// ```
    public func resolve(backendURL: String, environment: [String: String]) -> (target: ProbeTarget, secrets: ProbeSecrets) {
        var crmAccess: [String: CRMReadAccess] = [:]
        var unavailable: [String: String] = [:]
        for (provider, spec) in crmRead {
            guard let base = spec.baseURL?.resolve(in: environment) ?? spec.fallbackBaseURL else {
                let source = spec.baseURL.map { if case .environment(let name) = $0 { "\(name) is not set" } else { "no base URL" } }
                unavailable[provider] = "\(source ?? "no base URL") (the \(provider) API, to check effects there)"
                continue
            }
            crmAccess[provider] = CRMReadAccess(
                baseURL: base, credentialSecret: spec.credentialSecret, database: spec.database?.resolve(in: environment),
                login: spec.login?.resolve(in: environment), refresh: spec.refresh?.resolve(in: environment))
        }
        let target = ProbeTarget(
            backendURL: backendURL,
            frontendURL: frontendURL?.resolve(in: environment) ?? environment["FRONTEND_URL"].flatMap { $0.isEmpty ? nil : $0 },
            workspaceID: workspaceID?.resolve(in: environment) ?? environment["WORKSPACE_ID"].flatMap { $0.isEmpty ? nil : $0 }
                ?? "ws_canary",
            paths: paths, healthyWords: healthyWords, crmHealthyWords: crmHealthyWords, signing: signing, oauthMode: oauthMode,
            requiredScopes: requiredScopes, expectedRedirectURI: expectedRedirectURI, adminAuthSecret: adminAuthSecret,
            crmRead: crmAccess, metricsFormat: metricsFormat)
        var resolved = target
        resolved.crmReadUnavailable = unavailable
        var secrets: [String: Secret<String>] = [:]
        for name in allSecretNames {
            if let value = environment[name], !value.isEmpty { secrets[name] = Secret(value) }
        }
        return (resolved, ProbeSecrets(secrets))
    }
}
