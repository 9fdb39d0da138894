import FakeBackend
import FakeCRM
import Foundation
import Logging
import Testing

/// Planted secrets (webhook secrets, the admin token, CRM tokens and keys) are used by every probe
/// that needs one, and found in none of what a run leaves behind: output, logs, database, reports.
extension EndToEndTests {
    @Suite(.timeLimit(.minutes(3))) struct SecretsStayOutTests {
        static let plan = """
            name: secrets
            target:
              admin_auth: env:CRM_ADMIN_TOKEN
            phases:
              - name: everything
                from: 0m
                until: 10m
                probes:
                  - probe: oauth.flow
                    cadence: 5m
                    providers: [hubspot, zoho]
                  - probe: webhook.delivery
                    cadence: 1/m
                    providers: [hubspot, zoho, odoo, stripe]
                  - probe: admin.kill-switch
                    cadence: 5m
                  - probe: import.csv
                    cadence: 5m
                    timeout: 60s
                  - probe: call.push
                    cadence: 2m
                    timeout: 30s
            gates:
              - name: every probe passes
                require: probe_success_ratio(*[run]) == 100%
                min_samples: 20
            """

        @Test func plantedSecretsReachNoOutput() async throws {
            let folder = EndToEnd.temporaryFolder()
            try Self.plan.write(toFile: folder + "/secrets.yaml", atomically: true, encoding: .utf8)
            var configuration = FakeDeploymentConfiguration()
            configuration.secrets = DeploymentSecrets(
                webhookSecrets: [
                    .hubspot: "planted-hubspot-5e1f", .zoho: "planted-zoho-77aa", .retell: "planted-retell-c0de",
                    .stripe: "whsec_planted-stripe-9b2d",
                ],
                encryptionKey: "planted-encryption-41c3", adminToken: "planted-admin-d00d")
            configuration.profile.adminRequiresToken = true
            let logger = Logger(label: "e2e", factory: { _ in SwiftLogNoOpLogHandler() })
            let (result, planted) = try await withFakeStack(configuration, logger: logger) { stack in
                let environment = stack.environment
                let result = try await EndToEnd.canary(
                    [
                        "run", "--target", stack.deployment.baseURL, "--scenario", folder + "/secrets.yaml",
                        "--speed", "60", "--db", folder + "/s.sqlite", "--out", folder + "/reports", "--verbose",
                    ], environment: environment)
                let names = [
                    "CRM_HUBSPOT_WEBHOOK_SECRET", "CRM_ZOHO_WEBHOOK_SECRET", "RETELL_WEBHOOK_SECRET",
                    "STRIPE_WEBHOOK_SECRET", "CRM_ADMIN_TOKEN", "HUBSPOT_ACCESS_TOKEN",
                    "ZOHO_ACCESS_TOKEN", "ZOHO_CLIENT_SECRET", "ZOHO_REFRESH_TOKEN", "ODOO_API_KEY",
                ]
                return (result, names.compactMap { environment[$0] })
            }
            #expect(planted.count == 10)
            #expect(result.output.contains("decision: go"), "every probe used its secret: \(result.output.suffix(2000))")
            var outputs = ["the CLI's output": Data(result.output.utf8)]
            let files = FileManager.default.enumerator(atPath: folder)?.compactMap { $0 as? String } ?? []
            for file in files where !file.hasSuffix("secrets.yaml") {
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: folder + "/" + file, isDirectory: &isDirectory), !isDirectory.boolValue {
                    outputs[file] = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + file))
                }
            }
            #expect(outputs.keys.contains { $0.hasSuffix("report.html") } && outputs.keys.contains { $0.hasSuffix(".sqlite") })
            for secret in planted {
                for (name, data) in outputs {
                    #expect(data.range(of: Data(secret.utf8)) == nil, "a planted secret leaked into \(name)")
                }
            }
        }
    }
}
