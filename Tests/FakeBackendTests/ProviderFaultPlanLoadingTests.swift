import FakeBackend
import FakeSupport
import FakeTestSupport
import Foundation
import Testing

@Suite struct ProviderFaultPlanLoadingTests {
    @Test func theHubSpotStormPlanLoads() throws {
        let plan = try DeploymentFaultPlan.load(
            path: faultPlansFolder.appendingPathComponent("hubspot-429-storm.yaml").path, speed: 60)
        let hubspot = try #require(plan.providers[.hubspot])
        #expect(hubspot.seed == plan.seed)
        guard case .rateLimitStorm(let limit, let floor, let window, let ramp) = hubspot.faults.first?.kind else {
            Issue.record("the first fault is not a storm")
            return
        }
        #expect(limit == 100 && floor == 5 && window == .seconds(10) && ramp == .seconds(8))
        #expect(hubspot.faults.first?.from == .seconds(2))
    }

    @Test func everyExistingPlanStillLoads() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: faultPlansFolder.path).filter { $0.hasSuffix(".yaml") }
        #expect(files.count >= 7)
        for file in files {
            _ = try DeploymentFaultPlan.load(path: faultPlansFolder.appendingPathComponent(file).path, speed: 1)
        }
    }

    @Test(arguments: [
        ("providers:\n  salesforce: []\n", #"plan.yaml:2:3: unknown provider "salesforce"; use one of hubspot, zoho, odoo"#),
        ("providers:\n  hubspot:\n    - kind: flood\n", #"plan.yaml:3:13: unknown provider fault kind "flood"; use one of latency, errors, rate-limit-storm, outage, slow-body, truncated-body"#),
        ("providers:\n  hubspot:\n    - kind: errors\n", #"plan.yaml:3:13: the errors fault has no status; add e.g. `status: 503`"#),
        ("providers:\n  hubspot:\n    - kind: errors\n      status: 200\n", #"plan.yaml:4:15: status "200" is not an HTTP error status; use 400 to 599"#),
        ("providers:\n  hubspot:\n    - kind: latency\n      distribution: uniform\n      min: 5ms\n", #"plan.yaml:3:13: the uniform latency fault needs min and max; add e.g. `min: 50ms` and `max: 400ms`"#),
        ("providers:\n  hubspot:\n    - kind: outage\n      route: crm\n", #"plan.yaml:4:14: route "crm" is not a route pattern; write an optional method and a path, e.g. `POST /crm/v3/objects/*` or `/oauth/**`"#),
        ("providers:\n  hubspot:\n    - kind: outage\n      mode: explode\n", #"plan.yaml:4:13: unknown outage mode "explode"; use refuse or reset"#),
        ("providers:\n  zoho:\n    - kind: errors\n      status: 503\n      rate: 2\n", #"plan.yaml:5:13: "2" is not a fraction between 0 and 1; use e.g. 0.2 for 20%"#),
    ])
    func providerMistakesPointAtTheLine(yaml: String, message: String) {
        #expect(throws: FaultPlanError.self) { try DeploymentFaultPlan.parse(yaml: yaml, fileName: "plan.yaml", speed: 1) }
        do {
            _ = try DeploymentFaultPlan.parse(yaml: yaml, fileName: "plan.yaml", speed: 1)
        } catch {
            #expect("\(error)" == message)
        }
    }

    @Test func everyKindParsesWithItsKeys() throws {
        let plan = try DeploymentFaultPlan.parse(
            yaml: """
                seed: 9
                providers:
                  odoo:
                    seed: 4
                    faults:
                      - kind: latency
                        distribution: log-normal
                        median: 100ms
                        sigma: 0.5
                        max: 1s
                  hubspot:
                    - {kind: latency, delay: 50ms, route: "GET /crm/**"}
                    - {kind: latency, distribution: uniform, min: 10ms, max: 20ms}
                    - {kind: errors, status: 503, rate: 0.25, from: 1m, until: 2m}
                    - {kind: outage, mode: reset, route: "POST /crm/v3/objects/contacts"}
                    - {kind: slow-body, chunk_bytes: 8, interval: 5ms}
                    - {kind: truncated-body, keep: 0.3}
                """, fileName: "plan.yaml", speed: 60)
        #expect(plan.providers[.odoo]?.seed == 4)
        let hubspot = try #require(plan.providers[.hubspot])
        #expect(hubspot.seed == 9)
        #expect(hubspot.faults.map(\.kind.name) == ["latency", "latency", "errors", "outage", "slow-body", "truncated-body"])
        #expect(hubspot.faults[2].from == .seconds(1) && hubspot.faults[2].until == .seconds(2))
        #expect(hubspot.faults[3].route.matches(method: "POST", path: "/crm/v3/objects/contacts?x=1"))
        #expect(!hubspot.faults[3].route.matches(method: "GET", path: "/crm/v3/objects/contacts"))
        let roundTrip = try ProviderFaultPlan.parse(yaml: hubspot.json.jsonText, fileName: "json")
        #expect(roundTrip.faults.map(\.kind) == hubspot.faults.map(\.kind))
    }
}
