import Probes
import Yams

extension PlanBuilder {
    func defaultTarget() -> TargetSpec {
        TargetSpec(
            backendURL: .environment("BACKEND_URL"), frontendURL: .environment("FRONTEND_URL"),
            workspaceID: .environment("WORKSPACE_ID"), providers: PlanLoader.knownProviders,
            paths: ProbeTarget.Paths(), healthyWords: ["healthy", "ok", "connected"], secretNames: [])
    }

    mutating func buildTarget(_ node: Node) -> TargetSpec {
        var target = defaultTarget()
        guard let map = reader.mapping(node, "target", allowed: PlanLoader.targetKeys) else { return target }
        if let text = reader.string(map, "backend_url", in: "target") { target.backendURL = ValueSource(text) }
        if let text = reader.string(map, "frontend_url", in: "target") { target.frontendURL = ValueSource(text) }
        if let text = reader.string(map, "workspace_id", in: "target") { target.workspaceID = ValueSource(text) }
        if let providers = reader.strings(map["providers"], "providers", in: "target") {
            for provider in providers where !PlanLoader.knownProviders.contains(provider) {
                reader.problem(
                    at: map["providers"], "unknown provider \"\(provider)\"",
                    hint: "use \(PlanLoader.knownProviders.joined(separator: ", "))")
            }
            target.providers = providers
        }
        if let node = map["healthy"] { buildHealthyWords(node, into: &target) }
        if let secrets = reader.strings(map["secrets"], "secrets", in: "target") { target.secretNames = secrets }
        if let pathsNode = map["paths"] { buildPaths(pathsNode, into: &target.paths) }
        if let signingNode = map["signing"] { buildSigning(signingNode, into: &target.signing) }
        if let mode = choice(map, "oauth_mode", ProbeTarget.OAuthMode.self) { target.oauthMode = mode }
        if let format = choice(map, "metrics_format", ProbeTarget.MetricsFormat.self) { target.metricsFormat = format }
        if let scopesNode = map["required_scopes"],
            let scopes = reader.mapping(scopesNode, "target.required_scopes", allowed: ProbeCatalog.oauthProviders)
        {
            for (provider, list) in scopes {
                target.requiredScopes[provider] = reader.strings(list, provider, in: "target.required_scopes")
            }
        }
        if let uri = reader.string(map, "redirect_uri", in: "target") { target.expectedRedirectURI = uri }
        if map["admin_auth"] != nil { target.adminAuthSecret = secretName(map, "admin_auth", in: "target") }
        if let readNode = map["crm_read"] { buildCRMRead(readNode, into: &target.crmRead) }
        if let tlsNode = map["tls"] { buildTLS(tlsNode, into: &target.tls) }
        if let sourceNode = map["metrics_source"] { target.metricsSource = buildMetricsSource(sourceNode) }
        return target
    }

    /// `metrics_source: {prometheus: http://prometheus:9090, selector: '{job="backend"}'}`.
    private mutating func buildMetricsSource(_ node: Node) -> PrometheusSource? {
        let what = "target.metrics_source"
        guard let map = reader.mapping(node, what, allowed: ["prometheus", "selector"]) else { return nil }
        guard let url = reader.string(map, "prometheus", in: what, requiredAt: node) else { return nil }
        if let problem = PrometheusSource.problem(withURL: url) {
            reader.problem(at: map["prometheus"], problem, hint: "write the server's base URL, e.g. http://prometheus:9090")
            return nil
        }
        var source = PrometheusSource(url: url)
        if let text = reader.string(map, "selector", in: what) {
            switch PrometheusSource.labels(fromSelector: text) {
            case .success(let labels): source.selector = labels
            case .failure(let problem):
                reader.problem(
                    at: map["selector"], "selector \"\(text)\" in \(what) is not valid: \(problem.message)",
                    hint: "write label matchers such as '{job=\"backend\", env=\"canary\"}'")
            }
        }
        return source
    }

    /// `tls: {ca_file: certs/ca.pem, insecure_skip_verify: false}`.
    private mutating func buildTLS(_ node: Node, into tls: inout ProbeTLS) {
        guard let map = reader.mapping(node, "target.tls", allowed: ["ca_file", "insecure_skip_verify"]) else { return }
        if let path = reader.string(map, "ca_file", in: "target.tls") { tls.caFile = path }
        if let flag = map["insecure_skip_verify"] {
            if let value = flag.bool {
                tls.insecureSkipVerify = value
            } else {
                reader.problem(at: flag, "insecure_skip_verify in target.tls must be true or false")
            }
        }
    }

    /// `healthy: [ok, connected]` for both health endpoints, or `healthy: {health: [ok], crm_health: [connected]}`.
    private mutating func buildHealthyWords(_ node: Node, into target: inout TargetSpec) {
        func words(_ node: Node?, _ key: String) -> Set<String>? {
            reader.strings(node, key, in: "target.healthy").map { Set($0.map { $0.lowercased() }) }
        }
        guard node.mapping != nil else {
            if let both = words(node, "healthy") { target.healthyWords = both }
            return
        }
        guard let map = reader.mapping(node, "target.healthy", allowed: ["health", "crm_health"]) else { return }
        if let health = words(map["health"], "health") { target.healthyWords = health }
        if let crm = words(map["crm_health"], "crm_health") { target.crmHealthyWords = crm }
    }

    private mutating func buildPaths(_ node: Node, into paths: inout ProbeTarget.Paths) {
        guard let map = reader.mapping(node, "target.paths", allowed: PlanLoader.pathKeys) else { return }
        let keyPaths: [String: WritableKeyPath<ProbeTarget.Paths, String>] = [
            "health": \.health, "crm_health": \.crmHealth, "metrics": \.metrics, "webhooks": \.webhooks,
            "oauth_start": \.oauthStart, "oauth_refresh": \.oauthRefresh, "sync_status": \.syncStatus,
            "pause_sync": \.pauseSync, "replay": \.replay, "imports": \.imports, "import_status": \.importStatus,
            "call_push": \.callPush,
        ]
        for (key, keyPath) in keyPaths.sorted(by: { $0.key < $1.key }) {
            guard let value = reader.string(map, key, in: "target.paths") else { continue }
            if value.hasPrefix("/") {
                paths[keyPath: keyPath] = value
            } else {
                reader.problem(at: map[key], "path \"\(value)\" must start with /")
            }
        }
    }

    private mutating func buildSigning(_ node: Node, into signing: inout [String: WebhookSigning]) {
        guard let sources = reader.mapping(node, "target.signing", allowed: WebhookSigning.sources) else { return }
        for (source, entryNode) in sources.sorted(by: { $0.key < $1.key }) {
            let what = "target.signing.\(source)"
            guard let entry = reader.mapping(entryNode, what, allowed: PlanLoader.signingKeys) else { continue }
            var result = WebhookSigning.defaults[source] ?? WebhookSigning(scheme: .none)
            if let scheme = choice(entry, "scheme", WebhookScheme.self, in: what) {
                if scheme != result.scheme { result = WebhookSigning(scheme: scheme, secretName: result.secretName) }
            }
            if entry["secret"] != nil { result.secretName = secretName(entry, "secret", in: what) }
            if let header = reader.string(entry, "header", in: what) { result.header = header }
            if !result.scheme.needsSecret {
                result.secretName = nil
            } else if result.secretName == nil, entry["secret"] == nil {
                reader.problem(
                    at: entryNode, "\(what) uses \(result.scheme.rawValue) but names no secret",
                    hint: "add secret: env:NAME")
            }
            if result.scheme.needsHeader, result.header == nil {
                reader.problem(
                    at: entryNode, "\(what) uses \(result.scheme.rawValue), which needs a header",
                    hint: "add header: X-Signature (the header the backend reads)")
            }
            signing[source] = result
        }
    }

    private mutating func buildCRMRead(_ node: Node, into access: inout [String: CRMReadSpec]) {
        guard let providers = reader.mapping(node, "target.crm_read", allowed: PlanLoader.knownProviders) else { return }
        for (provider, entryNode) in providers.sorted(by: { $0.key < $1.key }) {
            let what = "target.crm_read.\(provider)"
            let credentialKey = provider == "odoo" ? "api_key" : "token"
            let allowed: [String] =
                switch provider {
                case "odoo": ["base_url", "database", "login", "api_key"]
                case "zoho": ["base_url", "token", "token_url", "client_id", "client_secret", "refresh_token"]
                default: ["base_url", "token"]
                }
            guard let entry = reader.mapping(entryNode, what, allowed: allowed) else { continue }
            var spec = CRMReadSpec.defaults[provider] ?? CRMReadSpec(credentialSecret: "")
            if let text = reader.string(entry, "base_url", in: what) {
                spec.baseURL = ValueSource(text)
                spec.fallbackBaseURL = nil
            }
            if let text = reader.string(entry, "database", in: what) { spec.database = ValueSource(text) }
            if let text = reader.string(entry, "login", in: what) { spec.login = ValueSource(text) }
            if entry[credentialKey] != nil, let name = secretName(entry, credentialKey, in: what) {
                spec.credentialSecret = name
            }
            if var refresh = spec.refresh {
                if let text = reader.string(entry, "token_url", in: what) {
                    refresh.tokenURL = ValueSource(text)
                    refresh.fallbackTokenURL = nil
                }
                if let text = reader.string(entry, "client_id", in: what) { refresh.clientID = ValueSource(text) }
                if entry["client_secret"] != nil, let name = secretName(entry, "client_secret", in: what) {
                    refresh.clientSecretName = name
                }
                if entry["refresh_token"] != nil, let name = secretName(entry, "refresh_token", in: what) {
                    refresh.refreshTokenName = name
                }
                spec.refresh = refresh
            }
            access[provider] = spec
        }
    }

    /// A secret reference, which must be `env:NAME` so that no credential is ever written in a plan.
    private mutating func secretName(_ map: [String: Node], _ key: String, in what: String) -> String? {
        guard let text = reader.string(map, key, in: what) else { return nil }
        guard case .environment(let name) = ValueSource(text), !name.isEmpty else {
            reader.problem(
                at: map[key], "\"\(key)\" in \(what) must name an environment variable",
                hint: "write env:NAME; secrets are never written in a plan")
            return nil
        }
        return name
    }

    /// One of an enumeration's raw values, with the closest one as a hint.
    private mutating func choice<Choice: RawRepresentable & CaseIterable>(
        _ map: [String: Node], _ key: String, _ type: Choice.Type, in what: String = "target"
    ) -> Choice? where Choice.RawValue == String {
        guard let text = reader.string(map, key, in: what) else { return nil }
        if let value = Choice(rawValue: text) { return value }
        let names = Choice.allCases.map(\.rawValue)
        let guess = NodeReader.closest(to: text, in: names).map { "did you mean \"\($0)\"? " } ?? ""
        reader.problem(
            at: map[key], "\(key) \"\(text)\" in \(what) is not valid",
            hint: "\(guess)use \(names.joined(separator: ", "))")
        return nil
    }

    /// The providers a probe entry runs for: those listed, else the target's that the probe accepts.
    mutating func buildProviders(
        _ node: Node?, entry: Node, id: String, kind: ProbeCatalog.Kind, target: TargetSpec
    ) -> [String] {
        guard let accepted = kind.acceptedProviders else {
            if node != nil { reader.problem(at: node, "probe \(id) is not per provider", hint: "remove `providers:`") }
            return []
        }
        guard let listed = reader.strings(node, "providers", in: "probe \(id)") else {
            let providers = target.providers.filter(accepted.contains)
            if providers.isEmpty {
                reader.problem(
                    at: entry, "probe \(id) has no provider to run for",
                    hint: "it runs for \(accepted.joined(separator: ", ")); list one under providers:")
            }
            return providers
        }
        for provider in listed {
            if !accepted.contains(provider) {
                let guess = NodeReader.closest(to: provider, in: accepted).map { "did you mean \"\($0)\"? " } ?? ""
                reader.problem(
                    at: node, "probe \(id) does not run for provider \"\(provider)\"",
                    hint: "\(guess)it runs for \(accepted.joined(separator: ", "))")
            } else if PlanLoader.knownProviders.contains(provider), !target.providers.contains(provider) {
                reader.problem(
                    at: node, "provider \"\(provider)\" is not in target.providers",
                    hint: "add it to target.providers or remove it here")
            }
        }
        return listed
    }
}
