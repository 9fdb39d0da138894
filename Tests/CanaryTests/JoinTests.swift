import AsyncHTTPClient
import Canary
import Foundation
import Logging
import Probes
import Testing

/// What `canary run --join` refuses before it probes anything, each with what to do instead.
@Suite struct JoinTests {
    static func refusal(
        joining location: String, prepare: (CanaryStore) async throws -> Void
    ) async throws -> String {
        let store = try CanaryStore(path: StoreTests.temporaryDatabase())
        var run = StoreTests.run("j")
        run.planSource = LocationJudgeTests.plan(minLocationFailed: 1)
        run.speed = 1
        run.startedAt = Date()
        try await store.begin(run)
        try await prepare(store)
        var settings = RunSettings(
            speed: 1, target: ProbeTarget(backendURL: "http://127.0.0.1:9", workspaceID: "w"), logger: Logger(label: "t"))
        settings.location = location
        let plan = try PlanLoader.parse(run.planSource, file: "p.yaml")
        return try await HTTPClient.withProbeClient { http in
            do {
                _ = try await CanaryRun(plan: plan, settings: settings, store: store).join("j", http: http, control: RunControl())
                return "joined"
            } catch let error as CanaryError {
                return error.description
            }
        }
    }

    @Test func aRunStartedWithoutALocationIsNotJoined() async throws {
        let refused = try await Self.refusal(joining: "us-east") { _ in }
        #expect(refused.hasPrefix("Run j was started without --location"), "\(refused)")
    }

    @Test func aLocationThatIsStillRecordingIsNotJoinedTwice() async throws {
        let refused = try await Self.refusal(joining: "eu-west") { store in
            try await store.join(
                "j", location: RunLocation(name: "eu-west", runnerPID: 42, runnerHost: "a", target: "http://x", joinedAt: Date(), fromSeconds: 0, lastSeen: 0))
        }
        #expect(refused.hasPrefix("Location eu-west is still recording run j (process 42 on a)"), "\(refused)")
    }

    @Test func aDecidedRunIsNotJoined() async throws {
        let refused = try await Self.refusal(joining: "us-east") { store in
            try await store.finish("j", endedAt: Date(), end: .completed, reach: 1, gates: [], outcome: .init(decision: .go, reasons: []))
        }
        #expect(refused.hasPrefix("Run j was already decided go"), "\(refused)")
    }
}
