import Canary
import Foundation
import Testing

@Suite struct PlanLoaderTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func pilotPlanIsValidAndFollowsTheChecklistTimeline() throws {
        let plan = try PlanLoader.load(path: Self.packageRoot.appendingPathComponent("scenarios/pilot.yaml").path)
        #expect(plan.name == "pilot")
        #expect(plan.phases.map(\.name) == ["oauth-webhooks", "import", "calls", "decision"])
        #expect(plan.phases.map { DurationText.format($0.start) } == ["0s", "15m", "45m", "1h30m"])
        #expect(plan.duration == .seconds(7200))
        #expect(Set(plan.watch.map(\.id)) == ["health", "crm.health", "metrics.scrape"])
        #expect(plan.alerts.filter { $0.level == .critical }.count >= 3)
        #expect(plan.rollback.count == 6)
    }

    @Test func brokenPlanReportsEveryProblemWithLineAndColumn() throws {
        let text = """
            name: broken
            target:
              providers: [hubspot, salesforce]
            phases:
              - name: first
                from: 0m
                until: 10m
                probes:
                  - probe: helth
                    cadence: 30s
                  - probe: health
                    cadence: sometimes
              - name: second
                from: 5m
                until: 2m
            alerts:
              - name: bad
                level: severe
                when: increase(crm_sync_errors_total[5q]) > 0
            gates:
              - name: g
                require: probe_success_ratio(webhook.send[run]) >= 99%
                min_samples: 0
            rollback:
              - name: nothing
            stop_on_critcal: true
            """
        let error = try #require(throws: PlanInvalid.self) { try PlanLoader.parse(text, file: "broken.yaml") }
        let messages = error.diagnostics.map { "\($0.line):\($0.column) \($0.message)" }
        #expect(messages.contains("3:14 unknown provider \"salesforce\""))
        #expect(messages.contains("9:16 unknown probe \"helth\""))
        #expect(messages.contains { $0.hasPrefix("12:18 cadence \"sometimes\"") })
        #expect(messages.contains { $0.hasPrefix("15:12 phase \"second\" ends before it starts") })
        #expect(messages.contains { $0.hasPrefix("18:12 alert level \"severe\"") })
        #expect(messages.contains { $0.hasPrefix("19:42 alert \"bad\": \"5q\" is not a range") })
        #expect(messages.contains { $0.contains("refers to probe \"webhook.send\", which the plan never runs") })
        #expect(messages.contains { $0.contains("min_samples of gate \"g\"") })
        #expect(messages.contains { $0.contains("rollback step \"nothing\" has neither run: nor http:") })
        #expect(messages.contains { $0.hasPrefix("26:1 unknown key \"stop_on_critcal\"") })
        let hint = error.diagnostics.first { $0.message.contains("stop_on_critcal") }?.hint
        #expect(hint?.contains("did you mean \"stop_on_critical\"") == true)
        #expect(error.diagnostics.count >= 10)
        #expect(error.description.contains("broken.yaml:9:16: unknown probe \"helth\""))
    }

    @Test func invalidYAMLIsOneProblemWithItsPosition() throws {
        let error = try #require(throws: PlanInvalid.self) {
            try PlanLoader.parse("name: x\nphases: [\n  - a: b", file: "bad.yaml")
        }
        #expect(error.diagnostics.count == 1)
        #expect(error.diagnostics[0].message.hasPrefix("not valid YAML"))
        #expect(error.diagnostics[0].line >= 2)
    }

    @Test(arguments: [
        ("30s", Cadence.every(.seconds(30))), ("6/m", .every(.seconds(10))), ("once", .once),
        ("2/s", .every(.milliseconds(500))), ("1m30s", .every(.seconds(90))),
    ])
    func cadences(text: String, expected: Cadence) {
        #expect(Cadence.parse(text) == expected)
    }

    @Test(arguments: ["0s", "-1s", "abc", "3/x", "0/m", ""])
    func invalidCadences(text: String) {
        #expect(Cadence.parse(text) == nil)
    }
}
