import AsyncHTTPClient
import FakeBackend
import FakeCRM
import Logging
import Probes
import Testing

/// The contract probes against the whole fake world: deployment, fake CRMs and frontend, on loopback ports.
@Suite struct ProbesAgainstFakeStackTests {
    /// The probe target and secrets a plan with default settings resolves to in the stack's environment.
    static func context(_ stack: RunningFakeStack, http: HTTPClient) -> ProbeContext {
        let environment = stack.environment
        var crmRead: [String: CRMReadAccess] = [:]
        if let url = environment["HUBSPOT_API_URL"] {
            crmRead["hubspot"] = CRMReadAccess(baseURL: url, credentialSecret: "HUBSPOT_ACCESS_TOKEN")
        }
        if let url = environment["ZOHO_API_URL"] {
            crmRead["zoho"] = CRMReadAccess(baseURL: url, credentialSecret: "ZOHO_ACCESS_TOKEN")
        }
        if let url = environment["ODOO_BASE_URL"] {
            crmRead["odoo"] = CRMReadAccess(
                baseURL: url, credentialSecret: "ODOO_API_KEY", database: environment["ODOO_DB"],
                login: environment["ODOO_LOGIN"])
        }
        let target = ProbeTarget(
            backendURL: stack.deployment.baseURL, frontendURL: stack.frontendURL, workspaceID: "ws_fake_stack",
            crmRead: crmRead)
        return ProbeContext(
            // As the pilot's import.csv: an import's completion can take seconds on a loaded machine.
            http: http, target: target, timeout: .seconds(30),
            secrets: ProbeSecrets(environment.mapValues { Secret($0) }), logger: Logger(label: "test"))
    }

    static let runs: [(String, String?)] = [
        ("oauth.flow", "hubspot"), ("oauth.flow", "zoho"), ("oauth.refresh", "hubspot"), ("oauth.refresh", "zoho"),
        ("webhook.delivery", "hubspot"), ("webhook.delivery", "zoho"), ("webhook.delivery", "odoo"),
        ("webhook.delivery", "stripe"), ("webhook.replay", "hubspot"), ("webhook.replay", "odoo"),
        ("admin.kill-switch", "hubspot"), ("admin.kill-switch", "zoho"), ("import.csv", "hubspot"),
        ("import.csv", "zoho"), ("import.csv", "odoo"), ("call.push", "hubspot"), ("call.push", "zoho"),
        ("call.push", "odoo"), ("cors", nil), ("frontend", nil),
    ]

    /// Runs one probe once against a fresh stack started with `faults` (YAML).
    static func run(_ id: String, _ provider: String?, faults: String? = nil) async throws -> ProbeOutcome {
        var deployment = FakeDeploymentConfiguration()
        if let faults { deployment.faults = try DeploymentFaultPlan.parse(yaml: faults, fileName: "t.yaml", speed: 1) }
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        let http = HTTPClient(eventLoopGroup: .singletonMultiThreadedEventLoopGroup, configuration: configuration)
        let outcome = try await withFakeStack(deployment, logger: Logger(label: "test")) { stack in
            let probe = try #require(ProbeCatalog.kinds[id]).make(provider)
            return try await probe.run(in: Self.context(stack, http: http))
        }
        try await http.shutdown()
        return outcome
    }

    @Test(arguments: runs)
    func probePassesAgainstTheFakeStack(id: String, provider: String?) async throws {
        let outcome = try await Self.run(id, provider)
        #expect(outcome.passed, "\(id) \(provider ?? ""): \(outcome.detail)")
    }

    @Test func acceptingForgedWebhooksBreaksTheRelease() async throws {
        let outcome = try await Self.run(
            "webhook.delivery", "hubspot", faults: "expect: rollback\nfaults:\n  - kind: accept-forged-webhooks\n")
        #expect(outcome.finding == "the backend accepted a forged hubspot webhook")
    }

    @Test func anImportThatDropsRowsBreaksTheRelease() async throws {
        let outcome = try await Self.run(
            "import.csv", "hubspot",
            faults: "expect: rollback\nseed: 11\nfaults:\n  - kind: import-drops-rows\n    rate: 0.03\n    provider: hubspot\n")
        #expect(outcome.finding?.hasPrefix("import to hubspot lost ") == true, "\(outcome.detail)")
    }
}
