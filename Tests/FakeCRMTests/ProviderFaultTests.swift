import AsyncHTTPClient
import FakeCRM
import Foundation
import Hummingbird
import HummingbirdTesting
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

@Suite struct RoutePatternTests {
    @Test(arguments: [
        ("*", "GET", "/anything/at/all", true),
        ("/crm/**", "DELETE", "/crm/v3/objects/contacts/1", true),
        ("/crm/**", "GET", "/oauth/v1/token", false),
        ("POST /crm/v3/objects/*", "POST", "/crm/v3/objects/contacts", true),
        ("POST /crm/v3/objects/*", "GET", "/crm/v3/objects/contacts", false),
        ("POST /crm/v3/objects/*", "POST", "/crm/v3/objects/contacts/search", false),
        ("* /crm/v3/objects/:type/{id}", "PATCH", "/crm/v3/objects/calls/5", true),
        ("/crm/**/search", "POST", "/crm/v3/objects/contacts/search", true),
        ("/oauth/v1/token", "POST", "/oauth/v1/token?x=1", true),
    ])
    func matching(pattern: String, method: String, path: String, expected: Bool) throws {
        let route = try #require(RoutePattern(pattern))
        #expect(route.matches(method: method, path: path) == expected)
    }
}

@Suite struct ProviderFaultBehaviourTests {
    /// Statuses of `count` GETs to a bare provider route under `plan`.
    private func statuses(_ plan: ProviderFaultPlan, count: Int = 40) async throws -> [Int] {
        try await HubSpotHarness(faults: plan).test { client in
            var statuses: [Int] = []
            for _ in 0..<count {
                statuses.append(Int(try await client.call(.get, "/oauth/v1/access-tokens/none").status.code))
            }
            return statuses
        }
    }

    @Test func theSameSeedFailsTheSameRequests() async throws {
        let errors = ProviderFault(.errors(status: 503), rate: 0.3)
        let first = try await statuses(ProviderFaultPlan(seed: 11, faults: [errors]))
        let again = try await statuses(ProviderFaultPlan(seed: 11, faults: [errors]))
        let other = try await statuses(ProviderFaultPlan(seed: 12, faults: [errors]))
        #expect(first == again)
        #expect(first != other)
        let failed = first.filter { $0 == 503 }.count
        #expect(failed > 3 && failed < 25)
    }

    @Test func injectedErrorsUseTheVendorsShape() async throws {
        let plan = ProviderFaultPlan(faults: [ProviderFault(.errors(status: 429), route: RoutePattern("/crm/**")!)])
        try await HubSpotHarness(faults: plan).test { client in
            let answer = try await client.call(.get, "/crm/v3/objects/contacts")
            #expect(answer.status == .tooManyRequests)
            #expect(answer["policyName"] == "TEN_SECONDLY_ROLLING")
            #expect(answer.header("X-HubSpot-RateLimit-Remaining") == "0")
            let untouched = try await client.call(.get, "/oauth/v1/access-tokens/x")
            #expect(untouched.status == .notFound)
            let journal = try await client.call(.get, "/__fake/journal")
            #expect(journal["entries"]?.array?.first?["fault"] == "status 429")
        }
    }

    @Test func aStormShrinksTheLimitOverItsRamp() {
        #expect(ProviderFaultState.allowance(limit: 100, floor: 0, ramp: .seconds(10), into: .zero) == 100)
        #expect(ProviderFaultState.allowance(limit: 100, floor: 0, ramp: .seconds(10), into: .seconds(5)) == 50)
        #expect(ProviderFaultState.allowance(limit: 100, floor: 10, ramp: .seconds(10), into: .seconds(30)) == 10)
    }

    @Test func aStormAnswers429OnceTheShrunkenLimitIsUsed() async throws {
        let storm = ProviderFault(.rateLimitStorm(limit: 3, floor: 3, window: .seconds(10), ramp: .seconds(60)))
        let statuses = try await statuses(ProviderFaultPlan(faults: [storm]), count: 5)
        #expect(statuses == [404, 404, 404, 429, 429])
    }

    @Test func latencyDistributionsStayInTheirBounds() {
        for (first, second) in [(0.0, 0.0), (0.5, 0.25), (0.999, 0.9)] {
            let uniform = LatencyDistribution.uniform(min: .milliseconds(10), max: .milliseconds(20)).sample(first, second)
            #expect(uniform >= .milliseconds(10) && uniform <= .milliseconds(20))
            let logNormal = LatencyDistribution.logNormal(median: .milliseconds(100), sigma: 1, max: .milliseconds(300))
                .sample(first, second)
            #expect(logNormal > .zero && logNormal <= .milliseconds(300))
        }
        #expect(LatencyDistribution.fixed(.milliseconds(7)).sample(0.3, 0.3) == .milliseconds(7))
        // sigma 0 gives the median exactly.
        #expect(LatencyDistribution.logNormal(median: .milliseconds(40), sigma: 0, max: nil).sample(0.7, 0.1) == .milliseconds(40))
    }

    @Test func latencyDelaysTheAnswer() async throws {
        let plan = ProviderFaultPlan(faults: [ProviderFault(.latency(.fixed(.milliseconds(120))))])
        try await HubSpotHarness(faults: plan).test { client in
            let started = ContinuousClock.now
            _ = try await client.call(.get, "/oauth/v1/access-tokens/x")
            #expect(started.duration(to: .now) >= .milliseconds(120))
            let entry = try #require(try await client.call(.get, "/__fake/journal")["entries"]?.array?.first)
            #expect(entry["fault"]?.string?.hasPrefix("latency") == true)
            #expect((entry["latency_ms"]?.number ?? 0) >= 120)
        }
    }

    @Test func faultsChangeAtRunTime() async throws {
        try await HubSpotHarness().test { client in
            #expect(try await client.call(.get, "/__fake/faults")["faults"] == [])
            let set = try await client.call(
                .put, "/__fake/faults", raw: #"{"seed": 3, "faults": [{"kind": "errors", "status": 502}]}"#)
            #expect(set.status == .ok)
            #expect(set["seed"] == 3)
            #expect(try await client.call(.get, "/oauth/v1/access-tokens/x").status == .badGateway)
            let yaml = try await client.call(
                .put, "/__fake/faults", raw: "- kind: errors\n  status: 504\n  route: /crm/**\n", contentType: "application/yaml")
            #expect(yaml.status == .ok)
            #expect(try await client.call(.get, "/oauth/v1/access-tokens/x").status == .notFound)
            let bad = try await client.call(.put, "/__fake/faults", raw: "- kind: errors\n")
            #expect(bad.status == .badRequest)
            #expect(bad["error"]?.string?.hasPrefix("request body:1:9: the errors fault has no status") == true, "\(bad.text)")
            #expect(try await client.call(.delete, "/__fake/faults").status == .noContent)
            #expect(try await client.call(.get, "/crm/v3/objects/contacts").status == .unauthorized)
        }
    }

    @Test func theJournalRedactsCredentials() async throws {
        try await HubSpotHarness().test { client in
            let token = try await client.hubspotToken()
            _ = try await client.call(.get, "/crm/v3/objects/contacts?hapikey=secret-key&limit=1", token: token)
            _ = try await client.call(.get, "/oauth/v1/access-tokens/\(token)")
            let journal = try await client.call(.get, "/__fake/journal")
            #expect(!journal.text.contains(token))
            #expect(!journal.text.contains("secret-key"))
            #expect(!journal.text.contains(HubSpotConfiguration().clientSecret))
            let entries = try #require(journal["entries"]?.array)
            let list = try #require(entries.first { $0["path"]?.string?.hasPrefix("/crm/v3/objects/contacts") == true })
            #expect(list["path"] == "/crm/v3/objects/contacts?hapikey=<redacted>&limit=1")
            #expect(list["headers"]?["authorization"] == "<redacted>")
            #expect(list["status"] == 200)
            #expect(list["latency_ms"]?.number != nil)
            #expect(entries.contains { $0["path"] == "/oauth/v1/access-tokens/<redacted>" })
            #expect(entries.contains { ($0["path"]?.string ?? "").contains("code=<redacted>") } == false)
            let limited = try await client.call(.get, "/__fake/journal?limit=1")
            #expect(limited["entries"]?.array?.count == 1)
        }
    }
}

@Suite struct ProviderConnectionFaultTests {
    @Test func outagesResetConnectionsOnALivePort() async throws {
        let plan = ProviderFaultPlan(faults: [
            ProviderFault(.outage(.reset), route: RoutePattern("POST /crm/**")!),
            ProviderFault(.outage(.refuse), route: .any, from: .seconds(600)),
        ])
        try await withFakeProviders(
            [FakeHubSpot(logger: quietLogger)], configuration: { _, _ in .init(faults: plan) }, logger: quietLogger
        ) { running in
            let hubspot = try #require(running[.hubspot])
            try await HTTPClient.withHTTPClient { client in
                await #expect(throws: (any Error).self) {
                    _ = try await fetch(.POST, "\(hubspot.baseURL)/crm/v3/objects/contacts", body: "{}", client: client)
                }
                let fine = try await fetch(.GET, "\(hubspot.baseURL)/__fake/ping", client: client)
                #expect(fine.body == "pong")
            }
            hubspot.controls.faults.replace(with: ProviderFaultPlan(faults: [ProviderFault(.outage(.refuse))]))
            try await HTTPClient.withHTTPClient { client in
                await #expect(throws: (any Error).self) {
                    _ = try await fetch(.GET, "\(hubspot.baseURL)/__fake/ping", client: client, timeout: .seconds(2))
                }
            }
            hubspot.controls.faults.replace(with: .none)
            let after = try await fetch(.GET, "\(hubspot.baseURL)/__fake/ping")
            #expect(after.status == 200)
        }
    }

    @Test func slowAndTruncatedBodies() async throws {
        let slow = ProviderFaultPlan(faults: [ProviderFault(.slowBody(chunkBytes: 16, interval: .milliseconds(30)))])
        try await withFakeProviders(
            [FakeHubSpot(logger: quietLogger)], configuration: { _, _ in .init(faults: slow) }, logger: quietLogger
        ) { running in
            let url = running[.hubspot]!.baseURL + "/crm/v3/objects/contacts"
            let started = ContinuousClock.now
            let answer = try await fetch(.GET, url)
            #expect(answer.status == 401)
            #expect(answer.body.contains("INVALID_AUTHENTICATION"))
            #expect(answer.body.utf8.count > 160)
            #expect(started.duration(to: .now) >= .milliseconds(250))

            running[.hubspot]!.controls.faults.replace(
                with: ProviderFaultPlan(faults: [ProviderFault(.truncatedBody(keep: 0.5))]))
            await #expect(throws: (any Error).self) { _ = try await fetch(.GET, url) }
        }
    }
}
