import Foundation
import GRDB
import Probes
import Testing

@testable import Canary

/// Results the store will not take are kept and tried again; what still cannot be saved at the end is an error
/// naming how much was lost, which the CLI turns into exit 70.
@Suite struct ResultWriterTests {
    static func result(_ at: Double) -> ProbeResult {
        ProbeResult(probe: "health", provider: nil, phase: "p", intendedAt: at, startedAt: at, latency: 0.01, passed: true, errorClass: nil, detail: "ok")
    }

    @Test func resultsTheStoreRefusesAreNamedAsLost() async throws {
        let queue = try DatabaseQueue()
        let store = try CanaryStore(queue)
        try await store.begin(StoreTests.run("r"))
        try await queue.write { db in
            try db.execute(sql: "CREATE TRIGGER refuse BEFORE INSERT ON probe_results BEGIN SELECT RAISE(ABORT, 'disk is full'); END")
        }
        var writer = ResultWriter(runID: "r", store: store, logger: .init(label: "test"))
        for at in [1.0, 2, 3] { await writer.add(Self.result(at)) }
        await writer.tick(at: 5)
        let error = await #expect(throws: CanaryError.self) { try await writer.finish() }
        #expect(error?.code == .resultsLost)
        #expect(error?.message.hasPrefix("3 of 3 probe results could not be saved to") == true, "\(error?.message ?? "")")
        #expect(error?.message.contains("disk is full") == true)
    }

    @Test func aBatchThatFailsOnceIsSavedLater() async throws {
        let queue = try DatabaseQueue()
        let store = try CanaryStore(queue)
        try await store.begin(StoreTests.run("r"))
        try await queue.write { db in
            try db.execute(sql: "CREATE TRIGGER refuse BEFORE INSERT ON probe_results BEGIN SELECT RAISE(ABORT, 'busy'); END")
        }
        var writer = ResultWriter(runID: "r", store: store, logger: .init(label: "test"))
        await writer.add(Self.result(1))
        await writer.tick(at: 1)
        try await queue.write { db in try db.execute(sql: "DROP TRIGGER refuse") }
        await writer.add(Self.result(2))
        try await writer.finish()
        #expect(try await store.results(of: "r").count == 2, "nothing was lost")
    }
}
