import AsyncHTTPClient
import FakeCRM
import Testing

@Suite struct RefuseConnectionsTests {
    @Test func connectionsAreResetDuringTheWindowOnly() async throws {
        // 30 s of plan time at speed 75 is a 400 ms window from start-up.
        let plan = try DeploymentFaultPlan.parse(
            yaml: """
                expect: rollback
                faults:
                  - kind: refuse-connections
                    until: 30s
                """,
            fileName: "refuse.yaml", speed: 75)
        try await withFakeDeployment(fastConfiguration(faults: plan), logger: quietLogger) { deployment in
            _ = try await HTTPClient.withHTTPClient { client in
                await #expect(throws: (any Error).self) {
                    _ = try await fetch(.GET, "\(deployment.baseURL)/health", client: client, timeout: .seconds(1))
                }
            }
            #expect(deployment.state.refusedConnections >= 1)

            let windowEnd = deployment.state.startedAt + .milliseconds(450)
            try await Task.sleep(until: windowEnd, clock: .continuous)
            try await HTTPClient.withHTTPClient { client in
                let answer = try await fetch(.GET, "\(deployment.baseURL)/health", client: client)
                #expect(answer.status == 200)
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
