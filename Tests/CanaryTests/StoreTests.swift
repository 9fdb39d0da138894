import Canary
import Foundation
import Logging
import Probes
import ServerTestSupport
import Testing

/// The store suite: every test runs against the SQLite file and, where PostgreSQL is installed (always in CI), a
/// real PostgreSQL server, through the same opener `--db` uses.
@Suite struct StoreTests {
    /// A store of one kind, at a fresh location that a test may open more than once.
    enum Kind: String, CaseIterable, CustomTestStringConvertible {
        case sqlite, postgres

        var testDescription: String { rawValue }

        /// The kinds that run here: PostgreSQL only where its server can be started.
        static let available: [Kind] = PostgresServer.canRun ? [.sqlite, .postgres] : [.sqlite]

        /// A new, empty location of this kind.
        func freshLocation() async throws -> StoreLocation {
            switch self {
            case .sqlite: .sqlite(path: StoreTests.temporaryDatabase())
            case .postgres: .postgres(try await PostgresServer.shared.database())
            }
        }
    }

    static let logger: Logger = {
        var logger = Logger(label: "canary.store.tests")
        logger.logLevel = .warning
        return logger
    }()

    /// Text with every byte PostgreSQL's COPY format escapes, and quotes.
    static let awkwardText = "tab\there, line\nthere, return\r, back\\slash, quote ' and \", ünïcödé"

    static func temporaryDatabase() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("canary-\(UUID().uuidString)/canary.sqlite").path
    }

    static func run(_ id: String, decision: Decision? = nil, startedAt: Double = 1_700_000_000) -> RunRecord {
        RunRecord(
            id: id, planName: "pilot", planPath: "scenarios/pilot.yaml", planSource: "name: pilot",
            target: "http://127.0.0.1:1", speed: 60, faults: nil, harnessVersion: "test",
            startedAt: Date(timeIntervalSince1970: startedAt), endedAt: nil, end: .unfinished,
            decision: decision, reasons: [])
    }

    @Test(arguments: Kind.available) func roundTripsARun(_ kind: Kind) async throws {
        let location = try await kind.freshLocation()
        let samples = [
            MetricSample(name: "dlq_size", labels: [:], value: 0),
            MetricSample(name: "crm_sync_errors_total", labels: ["provider": "zoho"], value: 3),
        ]
        let results = [
            ProbeResult(probe: "metrics.scrape", provider: nil, phase: "import", intendedAt: 1, startedAt: 1.001, latency: 0.004, passed: true, errorClass: nil, detail: "ok", samples: samples),
            ProbeResult(probe: "crm.health", provider: "zoho", phase: "import", intendedAt: 2, startedAt: 2.01, latency: 10, passed: false, errorClass: "timeout", detail: "no answer"),
            ProbeResult(probe: "webhook.send", provider: "hubspot", phase: "import", intendedAt: 3, startedAt: 3, latency: 0.2, passed: false, errorClass: "check", detail: "forged", finding: "forged webhook accepted"),
        ]
        let alert = AlertEvent(rule: "dlq", level: .critical, state: .fired, at: 2.5, value: 1, samples: 1, condition: "dlq_size > 0")
        let gate = GateVerdict(gate: "g", condition: "x < 1", observed: nil, threshold: "< 1", window: "run", samples: 0, minSamples: 5, verdict: .noData)
        var reason = Reason(cause: .criticalAlert, effect: .rollback)
        reason.rules = ["dlq"]
        try await location.withStore(logger: Self.logger) { store in
            try await store.begin(Self.run("r1"))
            try await store.append(results, to: "r1")
            try await store.finish(
                "r1", endedAt: Date(timeIntervalSince1970: 1_700_000_120), end: .stoppedOnCritical, reach: 3,
                alerts: [alert], gates: [gate], outcome: DecisionOutcome(decision: .rollback, reasons: [reason]))
        }

        try await location.withStore(logger: Self.logger) { reopened in
            let run = try #require(try await reopened.run("r1"))
            #expect(run.decision == .rollback && run.end == .stoppedOnCritical && run.reasons == [reason])
            #expect(run.reach == 3 && run.mode == .target)
            #expect(try await reopened.segments(of: "r1").map(\.fromSeconds) == [0])
            #expect(run.endedAt == Date(timeIntervalSince1970: 1_700_000_120))
            let stored = try await reopened.results(of: "r1")
            #expect(stored.map(\.probe) == ["metrics.scrape", "webhook.send", "crm.health"])
            #expect(stored[0].samples.count == 2)
            #expect(stored[0].samples.contains { $0.name == "crm_sync_errors_total" && $0.labels == ["provider": "zoho"] && $0.value == 3 })
            #expect(stored[1].finding == "forged webhook accepted")
            #expect(stored[2].errorClass == "timeout" && stored[2].latency == 10)
            #expect(try await reopened.alerts(of: "r1") == [alert])
            #expect(try await reopened.gates(of: "r1") == [gate])
            #expect(try await reopened.runs().map(\.id) == ["r1"])
            #expect(try await reopened.lastFinish(of: "r1") == 12)
        }
    }

    @Test(arguments: Kind.available) func latestGoRunSkipsOthers(_ kind: Kind) async throws {
        try await kind.freshLocation().withStore(logger: Self.logger) { store in
            try await store.begin(Self.run("a"))
            try await store.finish("a", endedAt: Date(), end: .completed, reach: 1, gates: [], outcome: .init(decision: .go, reasons: []))
            try await store.begin(Self.run("b"))
            try await store.finish("b", endedAt: Date(), end: .completed, reach: 1, gates: [], outcome: .init(decision: .rollback, reasons: []))
            #expect(try await store.latestRun(withDecision: .go)?.id == "a")
            #expect(try await store.latestRun(withDecision: .go, excluding: "a") == nil)
        }
    }

    /// Runs started at the same instant list in recording order; later ones first.
    @Test(arguments: Kind.available) func runsListNewestFirstAndTiesInRecordingOrder(_ kind: Kind) async throws {
        try await kind.freshLocation().withStore(logger: Self.logger) { store in
            for (id, at) in [("b", 10.0), ("a", 10.0), ("c", 20.0), ("0", 5.0)] {
                try await store.begin(Self.run(id, startedAt: at))
            }
            #expect(try await store.runs().map(\.id) == ["c", "b", "a", "0"])
        }
    }

    @Test(arguments: Kind.available) func resumeAddsASegmentAndReopensTheRun(_ kind: Kind) async throws {
        try await kind.freshLocation().withStore(logger: Self.logger) { store in
            try await store.begin(Self.run("r"))
            try await store.finish("r", endedAt: Date(), end: .interrupted, reach: 4, gates: [], outcome: .init(decision: .fixAndRetest, reasons: []))
            let segment = RunSegment(position: 1, startedAt: Date(timeIntervalSince1970: 1_700_000_100), fromSeconds: 4, gapSeconds: 96, target: "http://127.0.0.1:2")
            try await store.resume("r", segment: segment, pid: 4242, host: "runner-2")
            let run = try #require(try await store.run("r"))
            #expect(run.end == .unfinished && run.decision == nil && run.reach == nil && run.endedAt == nil)
            #expect(run.runnerPID == 4242 && run.runnerHost == "runner-2")
            #expect(try await store.segments(of: "r").map(\.target) == ["http://127.0.0.1:1", "http://127.0.0.1:2"])
            #expect(try await store.segments(of: "r").last == segment)
        }
    }

    /// Locations join, say they are alive, finish and rejoin; results keep their location; the decision lease goes
    /// to one holder at a time, runs out, and is gone once the run is decided.
    @Test(arguments: Kind.available) func locationsAndTheDecisionLease(_ kind: Kind) async throws {
        try await kind.freshLocation().withStore(logger: Self.logger) { store in
            try await store.begin(Self.run("r"))
            let joined = Date(timeIntervalSince1970: 1_700_000_010)
            let us = RunLocation(name: "us-east", runnerPID: 7, runnerHost: "b", target: "https://edge-us", joinedAt: joined, fromSeconds: 10, lastSeen: 10)
            let eu = RunLocation(name: "eu-west", runnerPID: 6, runnerHost: "a", target: "https://edge-eu", joinedAt: joined, fromSeconds: 0, lastSeen: 0)
            try await store.join("r", location: us)
            try await store.join("r", location: eu)
            #expect(try await store.heartbeat("r", location: "eu-west", at: 30) == nil, "an undecided run")
            try await store.heartbeat("r", location: "eu-west", at: 20)
            try await store.finishLocation("r", location: "us-east", at: 40)
            var locations = try await store.locations(of: "r")
            #expect(locations.map(\.name) == ["eu-west", "us-east"])
            #expect(locations[0].lastSeen == 30, "a late heartbeat never moves the last sign of life back")
            #expect(locations[1].finishedAt == 40 && locations[1].lastSeen == 40 && locations[1].target == "https://edge-us")
            var rejoined = us
            rejoined.runnerPID = 8
            rejoined.fromSeconds = 50
            rejoined.lastSeen = 50
            try await store.join("r", location: rejoined)
            locations = try await store.locations(of: "r")
            #expect(locations[1] == rejoined, "a rejoining location replaces its runner and clears its finish")

            try await store.append(
                [
                    ProbeResult(probe: "health", provider: nil, phase: "p", intendedAt: 1, startedAt: 1, latency: 0.1, passed: true, errorClass: nil, detail: "ok", location: "eu-west"),
                    ProbeResult(probe: "health", provider: nil, phase: "p", intendedAt: 2, startedAt: 2, latency: 0.1, passed: false, errorClass: "connection", detail: "refused", location: "us-east"),
                    ProbeResult(probe: "health", provider: nil, phase: "p", intendedAt: 3, startedAt: 3, latency: 0.1, passed: true, errorClass: nil, detail: "ok"),
                ], to: "r")
            #expect(try await store.results(of: "r").map(\.location) == ["eu-west", "us-east", nil])
            try await store.begin(Self.run("unnamed"))
            #expect(try await store.locationNames() == ["r": ["eu-west", "us-east"]])
            #expect(try await store.scanResults(of: "r", into: [String?]()) { $0.append($1.location) } == ["eu-west", "us-east", nil])

            let now = Date(timeIntervalSince1970: 1_700_000_100)
            #expect(try await store.claimDecision(of: "r", by: "eu-west", until: now + 60, now: now))
            #expect(try await store.claimDecision(of: "r", by: "us-east", until: now + 60, now: now) == false)
            #expect(try await store.claimDecision(of: "r", by: "eu-west", until: now + 90, now: now + 30), "the holder renews")
            #expect(try await store.claimDecision(of: "r", by: "us-east", until: now + 200, now: now + 91), "a lease that ran out is taken")
            try await store.finish("r", endedAt: now, end: .completed, reach: 60, gates: [], outcome: .init(decision: .go, reasons: []))
            #expect(try await store.claimDecision(of: "r", by: "us-east", until: now + 300, now: now + 92) == false, "a decided run has no lease")
            #expect(try await store.heartbeat("r", location: "us-east", at: 61) == .go, "a heartbeat hears the decision")
        }
    }

    /// A batch larger than PostgreSQL's 65,535 bind parameters would allow as one INSERT, with samples on some
    /// results, keeps every row, its samples, and the order results came in.
    @Test(arguments: Kind.available) func largeBatchesKeepEveryResultAndItsSamples(_ kind: Kind) async throws {
        let results = (0..<8_000).map { (index: Int) -> ProbeResult in
            let due = Double(index / 4)
            let samples = index % 100 == 0
                ? [MetricSample(name: "dlq_size", labels: ["queue": "q\(index)"], value: Double(index))] : []
            let passed = index % 7 != 0
            return ProbeResult(
                probe: index % 2 == 0 ? "crm.health" : "webhook.delivery", provider: index % 3 == 0 ? nil : "hubspot",
                phase: "import", intendedAt: due, startedAt: due, latency: 0.5, passed: passed,
                errorClass: passed ? nil : "http_status", detail: Self.awkwardText, samples: samples)
        }
        try await kind.freshLocation().withStore(logger: Self.logger) { store in
            try await store.begin(Self.run("big"))
            try await store.append(results, to: "big")
            let stored = try await store.results(of: "big")
            #expect(stored.count == results.count)
            // Ties in finishing time keep the order they were appended in.
            #expect(stored.map(\.probe) == results.map(\.probe))
            #expect(stored.allSatisfy { $0.detail == Self.awkwardText })
            #expect(stored.filter { !$0.samples.isEmpty }.map { $0.samples[0].value } == stride(from: 0, to: 8_000, by: 100).map(Double.init))
            let attempts = try await store.scanAttempts(of: "big", into: 0) { count, attempt in
                if attempt.passed && !attempt.detail.isEmpty { count += 1_000_000 }
                count += 1
            }
            #expect(attempts == results.count, "every attempt, with the details of passed ones left out")
        }
    }

    @Test(arguments: Kind.available) func baselinesRollbacksAndReadingsReplaceAndKeepTheirOrder(_ kind: Kind) async throws {
        try await kind.freshLocation().withStore(logger: Self.logger) { store in
            try await store.begin(Self.run("r"))
            try await store.setBaseline(RunBaseline(baselineRunID: nil, chosenBy: "last-go"), of: "r")
            try await store.setBaseline(RunBaseline(baselineRunID: "earlier", chosenBy: "earlier"), of: "r")
            #expect(try await store.baseline(of: "r") == RunBaseline(baselineRunID: "earlier", chosenBy: "earlier"))
            #expect(try await store.baseline(of: "other") == nil)
            let step = RollbackStepRecord(position: 0, name: "pause", action: "POST /crm/admin/pause-sync", timeoutSeconds: 30, outcome: .succeeded, exitStatus: 200, output: "ok", durationSeconds: 0.1)
            var second = step
            second.position = 1
            second.exitStatus = nil
            try await store.recordRollback([step], of: "r")
            try await store.recordRollback([step, second], of: "r")
            #expect(try await store.rollbackSteps(of: "r") == [step, second])
            let readings = (0..<5).map { index in
                PrometheusReading(key: "dlq_size > 0", group: index % 2 == 0 ? nil : "zoho", at: Double(5 - index), value: index == 3 ? nil : Double(index), samples: index, problem: index == 3 ? "empty result" : nil, promQL: "max(dlq_size)", source: "prometheus")
            }
            try await store.append(readings, to: "r")
            #expect(try await store.prometheusReadings(of: "r") == readings, "in the order recorded, not by time")
        }
    }

    /// Latencies per probe instance keep recording order; attempts stream grouped by probe.
    @Test(arguments: Kind.available) func scansFollowTheSameOrderInEveryStore(_ kind: Kind) async throws {
        let results = [("b", 0.3), ("a", 0.2), ("b", 0.1), ("a", 0.4), ("B", 0.5)].enumerated().map { index, pair in
            ProbeResult(probe: pair.0, provider: nil, phase: "p", intendedAt: Double(10 - index), startedAt: 0, latency: pair.1, passed: true, errorClass: nil, detail: "ok")
        }
        try await kind.freshLocation().withStore(logger: Self.logger) { store in
            try await store.begin(Self.run("r"))
            try await store.append(results, to: "r")
            let latencies = try await store.latencies(of: "r")
            #expect(latencies[ProbeKey(probe: "a", provider: nil)] == [0.2, 0.4])
            #expect(latencies[ProbeKey(probe: "b", provider: nil)] == [0.3, 0.1])
            let order = try await store.scanAttempts(of: "r", into: [String]()) { $0.append("\($1.probe) \($1.latency)") }
            // Bytewise, as SQLite compares text: "B" before "a".
            #expect(order == ["B 0.5", "a 0.2", "a 0.4", "b 0.3", "b 0.1"])
        }
    }

    @Test func unwritableLocationIsAClearError() {
        #expect(throws: CanaryError.self) { try CanaryStore(path: "/proc/no-such-place/canary.sqlite") }
    }
}
