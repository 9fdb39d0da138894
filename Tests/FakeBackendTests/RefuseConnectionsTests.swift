import AsyncHTTPClient
import FakeBackend
import FakeTestSupport
import Testing

@Suite struct RefuseConnectionsTests {
    @Test func connectionsAreResetDuringTheWindowOnly() async throws {
        // 90 s of plan time at speed 30 is a 3 s window from start-up: wide enough for a busy machine.
        let plan = try DeploymentFaultPlan.parse(
            yaml: """
                expect: rollback
                faults:
                  - kind: refuse-connections
                    until: 90s
                """,
            fileName: "refuse.yaml", speed: 30)
        try await withFakeDeployment(fastConfiguration(faults: plan), logger: quietLogger) { deployment in
            _ = try await HTTPClient.withHTTPClient { client in
                await #expect(throws: (any Error).self) {
                    _ = try await fetch(.GET, "\(deployment.baseURL)/health", client: client, timeout: .seconds(1))
                }
            }
            #expect(deployment.state.refusedConnections >= 1)

            let windowEnd = deployment.state.startedAt + .milliseconds(3050)
            try await Task.sleep(until: windowEnd, clock: .continuous)
            try await HTTPClient.withHTTPClient { client in
                let answer = try await fetch(.GET, "\(deployment.baseURL)/health", client: client)
                #expect(answer.status == 200)
            }
        }
    }

    @Test func keptAliveConnectionsAreResetToo() async throws {
        // The window opens 2 s after start-up, so the first request lands before it on a busy machine.
        let plan = DeploymentFaultPlan(
            seed: 1, faults: [.refuseConnections(from: .seconds(2), until: .seconds(4))])
        try await withFakeDeployment(fastConfiguration(faults: plan), logger: quietLogger) { deployment in
            _ = try await HTTPClient.withHTTPClient { client in
                let before = try await fetch(.GET, "\(deployment.baseURL)/health", client: client)
                #expect(before.status == 200)
                try await Task.sleep(until: deployment.state.startedAt + .milliseconds(2050), clock: .continuous)
                await #expect(throws: (any Error).self) {
                    _ = try await fetch(.GET, "\(deployment.baseURL)/health", client: client, timeout: .seconds(1))
                }
            }
            #expect(deployment.state.refusedConnections >= 1)
            try await Task.sleep(until: deployment.state.startedAt + .milliseconds(4050), clock: .continuous)
            // A new client: a pooled connection reset inside the window is the client's to retry, not this test's.
            try await HTTPClient.withHTTPClient { client in
                let after = try await fetch(.GET, "\(deployment.baseURL)/health", client: client)
                #expect(after.status == 200)
            }
        }
    }

    @Test func noFaultMeansNoRefusals() async throws {
        try await withFakeDeployment(fastConfiguration(), logger: quietLogger) { deployment in
            let answer = try await fetch(.GET, "\(deployment.baseURL)/health")
            #expect(answer.status == 200)
            #expect(deployment.state.refusedConnections == 0)
        }
    }
}
