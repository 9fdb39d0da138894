import Canary
import Foundation
import Probes
import Testing

/// The judge of a run recorded from several locations: failures count as `min_location_failed` says, at the same
/// time for alerts; a rule that names a location reads only that location; a location that never reported or
/// went silent keeps the run from go.
@Suite struct LocationJudgeTests {
    static func plan(minLocationFailed: Int, locations: String = "") -> String {
        """
        name: located
        min_location_failed: \(minLocationFailed)
        \(locations)
        phases:
          - name: only
            from: 0m
            until: 2m
        watch:
          - probe: health
            cadence: 1s
        alerts:
          - name: health failing
            level: critical
            when: probe_failures(health[10s]) > 2
        gates:
          - name: health answers
            require: probe_success_ratio(health[run]) >= 90%
            min_samples: 5
        """
    }

    /// A run of `plan` at speed 1 whose locations answer health every second for 120 s, failing where `fails` says.
    static func judge(
        _ plan: String, locations: [String], fails: @escaping (String, Int) -> Bool, lastSeen: [String: Double] = [:]
    ) async throws -> Judgment {
        let store = try CanaryStore(path: StoreTests.temporaryDatabase())
        var run = StoreTests.run("l")
        run.planSource = plan
        run.speed = 1
        try await store.begin(run)
        for name in locations {
            try await store.join(
                "l", location: RunLocation(name: name, runnerPID: 1, runnerHost: "h-\(name)", target: "http://\(name)", joinedAt: Date(), fromSeconds: 0, lastSeen: 0))
        }
        var results: [ProbeResult] = []
        for second in 0..<120 {
            for name in locations where Double(second) <= lastSeen[name, default: .infinity] {
                let failed = fails(name, second)
                results.append(
                    ProbeResult(
                        probe: "health", provider: nil, phase: "only", intendedAt: Double(second), startedAt: Double(second),
                        latency: 0.01, passed: !failed, errorClass: failed ? "connection" : nil,
                        detail: failed ? "the target refused the connection" : "ok", location: name))
            }
        }
        try await store.append(results, to: "l")
        for name in locations {
            if let seen = lastSeen[name] {
                try await store.heartbeat("l", location: name, at: seen)
            } else {
                try await store.finishLocation("l", location: name, at: 120)
            }
        }
        return try await Judge(store: store).judge(runID: "l", end: .completed, reach: 120)
    }

    @Test func oneLocationsFailureCountsByDefaultAndNotUnderAQuorumOfTwo() async throws {
        let onlyB = { (name: String, second: Int) in name == "b" && (20..<60).contains(second) }
        let any = try await Self.judge(Self.plan(minLocationFailed: 1), locations: ["a", "b"], fails: onlyB)
        #expect(any.outcome.decision == .rollback)
        #expect(any.outcome.reasons.first?.locations == ["b"])
        #expect(any.gates.first?.verdict == .fail && any.gates.first?.missedAt == ["b"])
        #expect(any.locations.map(\.failed) == [0, 40])

        let two = try await Self.judge(Self.plan(minLocationFailed: 2), locations: ["a", "b"], fails: onlyB)
        #expect(two.outcome.decision == .go, "\(two.outcome.reasons)")
        #expect(two.alerts.isEmpty)
        #expect(two.gates.first?.verdict == .pass && two.gates.first?.missedAt == ["b"])
        #expect(ReasonText.line(two.outcome.reasons[0], speed: 1).hasSuffix("failures seen from b alone were not counted (min_location_failed 2)"))
    }

    @Test func aQuorumCountsAlertsOnlyWhileTheLocationsFailAtOnce() async throws {
        let apart = { (name: String, second: Int) in
            name == "a" ? (10..<30).contains(second) : name == "b" ? (60..<80).contains(second) : false
        }
        let separate = try await Self.judge(Self.plan(minLocationFailed: 2), locations: ["a", "b", "c"], fails: apart)
        #expect(separate.alerts.isEmpty, "a and b never failed at the same time: \(separate.alerts)")

        let overlapping = { (name: String, second: Int) in name != "c" && (10..<40).contains(second) }
        let together = try await Self.judge(Self.plan(minLocationFailed: 2), locations: ["a", "b", "c"], fails: overlapping)
        #expect(together.outcome.decision == .rollback)
        let fired = try #require(together.alerts.first)
        #expect(fired.state == .fired && fired.locations == ["a", "b"])
        #expect(together.alerts.last?.state == .resolved)
    }

    @Test func aRuleThatNamesALocationReadsOnlyThatLocation() async throws {
        let plan = Self.plan(minLocationFailed: 2) + """

              - name: b answers health
                require: probe_success_ratio(health{location="b"}[run]) >= 90%
                min_samples: 5
            """
        let judged = try await Self.judge(plan, locations: ["a", "b"]) { name, second in name == "b" && second >= 60 }
        #expect(judged.gates.map(\.verdict) == [.pass, .fail])
        #expect(judged.outcome.decision == .fixAndRetest)
    }

    @Test func aSilentOrMissingLocationKeepsTheRunFromGo() async throws {
        let listed = Self.plan(minLocationFailed: 1, locations: "locations: [a, b, c]")
        let judged = try await Self.judge(listed, locations: ["a", "b"], fails: { _, _ in false }, lastSeen: ["b": 50])
        #expect(judged.outcome.decision == .fixAndRetest)
        #expect(judged.locations.map(\.state) == [.finished, .silent, .silent])
        let lines = judged.outcome.reasons.map { ReasonText.line($0, speed: 1) }
        #expect(lines.contains("location b stopped reporting at t+0m50s before its timeline ended (its runner stopped?), so the run lacks its view of the target from then on"))
        #expect(lines.contains("location c, which the plan lists, never reported: the run lacks its view of the target"))
    }

    @Test func locationSettingsAreChecked() throws {
        #expect(throws: PlanInvalid.self) { try PlanLoader.parse(Self.plan(minLocationFailed: 0), file: "p.yaml") }
        #expect(throws: PlanInvalid.self) {
            try PlanLoader.parse(Self.plan(minLocationFailed: 1, locations: "locations: [a, \"b c\"]"), file: "p.yaml")
        }
        let plan = try PlanLoader.parse(Self.plan(minLocationFailed: 2, locations: "locations: [eu-west, us-east]"), file: "p.yaml")
        #expect(plan.minLocationFailed == 2 && plan.locations == ["eu-west", "us-east"])
    }
}
