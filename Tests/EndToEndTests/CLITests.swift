import Foundation
import Testing

/// The built `canary` executable, as CI runs it: exit codes are the contract (decisions per fault plan
/// are in ``FaultMatrixTests``).
extension EndToEndTests {
    @Suite(.timeLimit(.minutes(3))) struct CLITests {
        @Test func interruptedRunExitsOneAndKeepsItsRecord() async throws {
            let folder = EndToEnd.temporaryFolder()
            let result = try await EndToEnd.canary(
                ["run", "--fake", "--speed", "60", "--db", folder + "/i.sqlite", "--out", folder], interruptAfter: .seconds(3))
            #expect(result.status == 1, "\(result.output)")
            #expect(result.output.contains("the run was interrupted"))
        }

        @Test func invalidPlanAndUsageExit64() async throws {
            let folder = EndToEnd.temporaryFolder()
            let plan = folder + "/bad.yaml"
            try "name: bad\nphases:\n  - name: p\n    from: 0m\n    until: 1m\n    probes:\n      - probe: nope\n        cadence: 1s\n"
                .write(toFile: plan, atomically: true, encoding: .utf8)
            let validate = try await EndToEnd.canary(["validate", plan])
            #expect(validate.status == 64)
            #expect(validate.output.contains("bad.yaml:7:16: unknown probe \"nope\""))
            let good = try await EndToEnd.canary(["validate", "scenarios/pilot.yaml"])
            #expect(good.status == 0, "\(good.output)")
            let usage = try await EndToEnd.canary(["run", "--faults", "x.yaml"])
            #expect(usage.status == 64, "\(usage.output)")
            let missing = try await EndToEnd.canary(["report", "nope", "--db", folder + "/none.sqlite"])
            #expect(missing.status == 64)
        }

        @Test func preflightNamesEveryMissingVariableAndWhatItLeavesUnverified() async throws {
            let environment = [
                "BACKEND_URL": "", "FRONTEND_URL": "", "CRM_HUBSPOT_WEBHOOK_SECRET": "", "CRM_ZOHO_WEBHOOK_SECRET": "",
                "RETELL_WEBHOOK_SECRET": "", "STRIPE_WEBHOOK_SECRET": "", "HUBSPOT_ACCESS_TOKEN": "", "ZOHO_API_URL": "",
                "ODOO_BASE_URL": "", "HUBSPOT_API_URL": "http://127.0.0.1:9",
            ]
            let started = ContinuousClock.now
            let result = try await EndToEnd.canary(
                ["preflight", "scenarios/pilot.yaml", "--target", "http://127.0.0.1:9"], environment: environment)
            #expect(result.status == 64, "\(result.output)")
            for line in [
                "✖ CRM_HUBSPOT_WEBHOOK_SECRET is not set (signs hubspot webhooks); unverified: webhook.delivery (hubspot), "
                    + "webhook.replay (hubspot), admin.kill-switch (hubspot)",
                "✖ CRM_ZOHO_WEBHOOK_SECRET is not set (signs zoho webhooks)",
                "✖ STRIPE_WEBHOOK_SECRET is not set (signs stripe webhooks); unverified: webhook.delivery (stripe)",
                "✖ RETELL_WEBHOOK_SECRET is not set (signs retell webhooks); unverified: call.push (hubspot), call.push (zoho), call.push (odoo)",
                "✖ HUBSPOT_ACCESS_TOKEN is not set (read access to hubspot, to check effects there); unverified: import.csv (hubspot), call.push (hubspot)",
                "✖ ZOHO_API_URL is not set (the zoho API, to check effects there)",
                "✖ ODOO_BASE_URL is not set (the odoo API, to check effects there)",
                "✖ no frontend URL: set FRONTEND_URL or target.frontend_url; unverified: cors, frontend",
                "✖ backend health: GET http://127.0.0.1:9/health failed: connection",
            ] {
                #expect(result.output.contains(line), "missing from the preflight: \(line)\n\(result.output)")
            }
            #expect(ContinuousClock.now - started < .seconds(30), "a preflight takes seconds")
        }
    }
}
