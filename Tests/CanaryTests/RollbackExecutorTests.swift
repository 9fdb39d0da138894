import AsyncHTTPClient
import Canary
import Foundation
import Testing

/// Hooks run for real under /bin/sh: exit status, output with secrets redacted, and the timeout.
@Suite struct RollbackExecutorTests {
    @Test func runsEachStepRecordsItAndRedactsSecrets() async throws {
        let hooks = [
            RollbackHook(name: "say", action: .command("echo deploying with s3cr3t-token; echo oops >&2"), timeout: .seconds(10)),
            RollbackHook(name: "fail", action: .command("exit 3"), timeout: .seconds(10)),
            RollbackHook(name: "hang", action: .command("sleep 30"), timeout: .milliseconds(300)),
            RollbackHook(name: "pause", action: .http(method: "POST", path: "/crm/admin/pause-sync"), timeout: .seconds(2)),
        ]
        let started = ContinuousClock.now
        let steps = await RollbackExecutor(
            backendURL: "http://127.0.0.1:9", http: .shared, redactor: SecretRedactor(["s3cr3t-token"])
        ).execute(hooks)
        #expect(ContinuousClock.now - started < .seconds(10), "the hanging step is stopped at its timeout")
        #expect(steps.map(\.outcome) == [.succeeded, .failed, .timedOut, .failed])
        #expect(steps.map(\.exitStatus) == [0, 3, nil, nil])
        #expect(steps[0].output == "deploying with <redacted>\noops\n")
        #expect(steps[0].action == "$ echo deploying with s3cr3t-token; echo oops >&2")
        #expect(steps[3].output.hasPrefix("request failed"), "nothing listens on port 9")
    }

    @Test func storedStepsComeBackInOrder() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("canary-\(UUID().uuidString)/c.sqlite").path
        let store = try CanaryStore(path: path)
        try await store.begin(StoreTests.run("r1"))
        let step = RollbackStepRecord(
            position: 1, name: "n", action: "$ true", timeoutSeconds: 60, outcome: .succeeded, exitStatus: 0, output: "", durationSeconds: 0.01)
        var second = step
        second.position = 2
        second.outcome = .timedOut
        second.exitStatus = nil
        try await store.recordRollback([second, step], of: "r1")
        #expect(try await CanaryStore(path: path).rollbackSteps(of: "r1") == [step, second])
    }
}
