import Canary
import Foundation
import Probes
import Testing

/// What a plan says about how serious a rule is, what it is judged per, and each health endpoint's words.
@Suite struct PlanSeverityTests {
    static func plan(_ extra: String, target: String = "") -> String {
        """
        name: severity
        \(target)
        phases:
          - name: only
            from: 0m
            until: 10m
            probes:
              - probe: webhook.delivery
                cadence: 1m
        watch:
          - probe: health
            cadence: 30s
          - probe: metrics.scrape
            cadence: 15s
        \(extra)
        """
    }

    @Test func gatesAndAlertsReadSeverityPerAndMinSamples() throws {
        let plan = try PlanLoader.parse(
            Self.plan("""
                alerts:
                  - name: intake failing
                    level: critical
                    when: probe_success_ratio(webhook.delivery[10m]) == 0
                    per: provider
                    min_samples: 5
                gates:
                  - name: intake works
                    require: probe_success_ratio(webhook.delivery[run]) >= 90%
                    severity: critical
                    per: provider
                  - name: health answers
                    require: probe_success_ratio(health[run]) >= 99%
                """), file: "severity.yaml")
        #expect(plan.alerts[0].per == "provider" && plan.alerts[0].minSamples == 5)
        #expect(plan.gates[0].severity == .critical && plan.gates[0].per == "provider")
        #expect(plan.gates[1].severity == .warning && plan.gates[1].per == nil, "warning is the default")
        #expect(plan.shortestAlertWindow == 600)
    }

    @Test func badSeverityAndPerAreReportedWithHints() throws {
        let text = Self.plan("""
            gates:
              - name: intake works
                require: probe_success_ratio(webhook.delivery[run]) >= 90%
                severity: fatal
                per: region
            """)
        let error = try #require(throws: PlanInvalid.self) { try PlanLoader.parse(text, file: "bad.yaml") }
        let text2 = error.description
        #expect(text2.contains("severity \"fatal\" of gate \"intake works\" is not valid"))
        #expect(text2.contains("hint: use critical (missed means rollback)"))
        #expect(text2.contains("can be split per provider or per probe, not \"region\""))
    }

    @Test func eachHealthEndpointMayHaveItsOwnWords() throws {
        let both = try PlanLoader.parse(Self.plan("", target: "target: {healthy: [ok]}"), file: "a.yaml")
        #expect(both.target.healthyWords == ["ok"] && both.target.crmHealthyWords == nil)
        let split = try PlanLoader.parse(
            Self.plan("", target: "target: {healthy: {health: [ok], crm_health: [Connected]}}"), file: "b.yaml")
        let (target, _) = split.target.resolve(backendURL: "http://127.0.0.1:1", environment: [:])
        #expect(target.healthyWords == ["ok"])
        #expect(target.crmHealthyWords == ["connected"])
        let unresolved = both.target.resolve(backendURL: "http://127.0.0.1:1", environment: [:]).target
        #expect(unresolved.crmHealthyWords == ["ok"], "one list serves both endpoints")
        #expect(throws: PlanInvalid.self) {
            try PlanLoader.parse(Self.plan("", target: "target: {healthy: {crm: [ok]}}"), file: "c.yaml")
        }
    }
}
