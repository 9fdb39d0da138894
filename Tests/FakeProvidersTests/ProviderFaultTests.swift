import AsyncHTTPClient
import FakeProviders
import FakeSupport
import FakeTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

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
            _ = try await HTTPClient.withHTTPClient { client in
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
