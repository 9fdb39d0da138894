import FakeBackend
import FakeSupport
import FakeTestSupport
import Foundation
import Testing

@Suite struct FaultPlanLoadingTests {
    static let examples: [(file: String, expect: String)] = [
        ("clean.yaml", "go"), ("worker-down.yaml", "rollback"), ("sync-errors-transient.yaml", "fix-and-retest"),
        ("sync-errors-dlq.yaml", "rollback"), ("slow-webhooks.yaml", "fix-and-retest"),
        ("refuse-connections.yaml", "rollback"),
    ]

    @Test(arguments: examples)
    func exampleParses(file: String, expect: String) throws {
        let path = faultPlansFolder.appendingPathComponent(file).path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.split(separator: "\n").contains { $0 == "expect: \(expect)" })
        let plan = try DeploymentFaultPlan.load(path: path, speed: 1)
        #expect(plan.expectedDecision == expect)
        #expect((file == "clean.yaml") == plan.faults.isEmpty)
    }

    @Test func examplesDescribeTheirFaults() throws {
        let worker = try DeploymentFaultPlan.load(
            path: faultPlansFolder.appendingPathComponent("worker-down.yaml").path, speed: 60)
        #expect(worker.seed == 7)
        #expect(worker.faults == [.workerStopped(from: .seconds(10))])
        #expect(worker.isWorkerStopped(at: .seconds(9)) == false)
        #expect(worker.isWorkerStopped(at: .seconds(10)))

        let transient = try DeploymentFaultPlan.load(
            path: faultPlansFolder.appendingPathComponent("sync-errors-transient.yaml").path, speed: 1)
        #expect(transient.faults == [.syncErrors(rate: 0.2, failingAttempts: 1)])

        let slow = try DeploymentFaultPlan.load(
            path: faultPlansFolder.appendingPathComponent("slow-webhooks.yaml").path, speed: 60)
        #expect(
            slow.faults == [.webhookLatency(delay: .seconds(3), jitter: .milliseconds(200))], "delays are not scaled")

        let refuse = try DeploymentFaultPlan.load(
            path: faultPlansFolder.appendingPathComponent("refuse-connections.yaml").path, speed: 60)
        #expect(refuse.faults == [.refuseConnections(from: .seconds(20), until: .seconds(35))])
    }

    @Test func theBrokenIntakeProfileLoads() throws {
        let profiles = faultPlansFolder.deletingLastPathComponent().appendingPathComponent("profiles")
        let path = profiles.appendingPathComponent("broken-intake.yaml").path
        let plan = try DeploymentFaultPlan.load(path: path, speed: 60)
        #expect(plan.expectedDecision == "rollback")
        #expect(plan.faults.isEmpty && plan.providers.isEmpty)
        var expected = DeploymentProfile()
        expected.metrics = .json
        expected.oauthRedirectURI = "https://app.example.com/oauth/callback"
        expected.answers.signedWebhooks = 500
        expected.answers.signedWebhookSources = [.hubspot, .zoho]
        expected.answers.admin = 500
        expected.answers.corsPreflight = 400
        expected.answers.imports = 404
        #expect(plan.profile == expected, "health words and signing stay the contract's")
    }

    @Test func unknownKindNamesLineAndColumn() {
        let yaml = """
            # The sync worker dies 10 minutes into the canary and never comes back.
            expect: rollback
            seed: 7
            faults:
              - kind: worker-stop
                from: 10m
            """
        #expect {
            try DeploymentFaultPlan.parse(yaml: yaml, fileName: "worker-down.yaml", speed: 1)
        } throws: { error in
            "\(error)"
                == #"worker-down.yaml:5:11: unknown fault kind "worker-stop"; use one of worker-stopped, sync-errors, webhook-latency, refuse-connections, accept-forged-webhooks, import-drops-rows"#
        }
    }

    @Test(arguments: [
        ("expect: maybe\n", #"plan.yaml:1:9: unknown decision "maybe"; use one of go, fix-and-retest, rollback"#),
        ("expect: go\nfault: []\n", #"plan.yaml:2:1: unknown key "fault"; use one of expect, seed, time, faults, providers, profile"#),
        (
            "faults:\n  - kind: webhook-latency\n    delay: 3 seconds\n",
            #"plan.yaml:3:12: "3 seconds" is not a duration; write a number and a unit: ms, s, m or h, e.g. 250ms, 3s, 10m, 2h"#
        ),
        (
            "faults:\n  - kind: sync-errors\n    rate: 1.5\n",
            #"plan.yaml:3:11: rate "1.5" is not a fraction between 0 and 1; use e.g. `rate: 0.2` for 20% of jobs"#
        ),
        (
            "faults:\n  - kind: worker-stopped\n    provider: hubspot\n",
            #"plan.yaml:3:5: key "provider" does not apply to a worker-stopped fault; use one of kind, from, until"#
        ),
        (
            "faults:\n  - kind: sync-errors\n    provider: salesforce\n",
            #"plan.yaml:3:15: unknown provider "salesforce"; use one of hubspot, zoho, odoo"#
        ),
        (
            "faults:\n  - kind: refuse-connections\n    from: 10m\n    until: 5m\n",
            "plan.yaml:4:12: until is not after from; make the window end after it starts, or leave out until"
        ),
        (
            "faults:\n  - from: 1m\n",
            "plan.yaml:2:5: the fault has no kind; add `kind:` with one of worker-stopped, sync-errors, webhook-latency, refuse-connections, accept-forged-webhooks, import-drops-rows"
        ),
    ])
    func brokenPlansSayWhereAndHow(yaml: String, message: String) {
        #expect {
            try DeploymentFaultPlan.parse(yaml: yaml, fileName: "plan.yaml", speed: 1)
        } throws: { error in
            "\(error)" == message
        }
    }

    @Test func invalidYAMLHasAPosition() throws {
        let error = try #require(throws: FaultPlanError.self) {
            try DeploymentFaultPlan.parse(yaml: "faults:\n  - kind: [unclosed\n", fileName: "bad.yaml", speed: 1)
        }
        #expect(error.line != nil && error.column != nil)
        #expect("\(error)".hasPrefix("bad.yaml:"))
        #expect(error.message.hasPrefix("invalid YAML"))
    }

    @Test func speedDividesPlanTimeOnly() throws {
        let plan = try DeploymentFaultPlan.parse(
            yaml: """
                faults:
                  - kind: webhook-latency
                    delay: 250ms
                    from: 2h
                    until: 4h
                """,
            fileName: "speed.yaml", speed: 120)
        #expect(plan.faults == [.webhookLatency(delay: .milliseconds(250), from: .seconds(60), until: .seconds(120))])
        #expect(plan.expectedDecision == nil)
    }

    @Test func missingFileAndBadSpeedAreErrors() {
        #expect(throws: FaultPlanError.self) { try DeploymentFaultPlan.load(path: "no-such-plan.yaml", speed: 1) }
        #expect(throws: FaultPlanError.self) {
            try DeploymentFaultPlan.parse(yaml: "faults: []", fileName: "x.yaml", speed: 0)
        }
    }

    @Test func sameSeedPicksTheSameJobs() {
        let keys = (1...200).map { "evt-\($0)" }
        func picked(seed: UInt64) -> [String] {
            let plan = DeploymentFaultPlan(seed: seed, faults: [.syncErrors(rate: 0.2)])
            return keys.filter { plan.affects(jobKey: $0, rate: 0.2, faultIndex: 0) }
        }
        #expect(picked(seed: 7) == picked(seed: 7))
        #expect(picked(seed: 7) != picked(seed: 8))
        #expect((20...60).contains(picked(seed: 7).count), "about 20% of 200")
    }
}
