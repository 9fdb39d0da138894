import Canary
import FakeBackend
import FakeCRM
import Foundation
import Logging
import ServerTestSupport
import Testing

/// Two runner processes record one run in PostgreSQL from two locations: `eu-west` reaches the deployment, while
/// `us-east` goes through an edge that refuses every connection. The decision follows `min_location_failed`, and a
/// runner killed mid-run is named in the reasons.
extension EndToEndTests {
    @Suite(.enabled(if: PostgresServer.canRun, Comment(rawValue: PostgresServer.skipMessage)), .timeLimit(.minutes(4)))
    struct LocationsEndToEndTests {
        /// Eight plan minutes, 16 s at speed 30; its shortest alert window (2 minutes, 4 s) is under the silence
        /// limit of three heartbeats (6 s).
        static func plan(minLocationFailed: Int) -> String {
            """
            name: locations
            min_location_failed: \(minLocationFailed)
            phases:
              - name: webhooks
                from: 0m
                until: 8m
                probes:
                  - probe: webhook.delivery
                    cadence: 4/m
                    providers: [hubspot, zoho]
            watch:
              - probe: health
                cadence: 10s
              - probe: metrics.scrape
                cadence: 15s
            alerts:
              - name: connection failures
                level: critical
                when: probe_failures(*{error="connection"}[2m]) > 3
            gates:
              - name: health answers
                require: probe_success_ratio(health[run]) >= 99%
                min_samples: 10
              - name: webhooks take effect
                require: probe_success_ratio(webhook.delivery[run]) >= 99%
                min_samples: 10
            """
        }

        /// What one two-location run ended with, as each runner printed it.
        struct Outcome {
            var founder: (status: Int32, output: String)
            var joiner: (status: Int32, output: String)
            var runID: String
            var folder: String

            var firstReason: String {
                founder.output.split(separator: "\n").first { $0.hasPrefix("  - ") }.map { String($0.dropFirst(4)) } ?? ""
            }

            func report() throws -> String {
                try String(contentsOfFile: folder + "/eu/\(runID)/report.md", encoding: .utf8)
            }
        }

        @Test func theDecisionFollowsTheLocationPolicyAndNamesASilentLocation() async throws {
            let database = PostgresServer.url(try await PostgresServer.shared.database())
            let deadEdge = "http://127.0.0.1:\(try freeLoopbackPort())"
            let logger = Logger(label: "e2e", factory: { _ in SwiftLogNoOpLogHandler() })
            try await withFakeStack(FakeDeploymentConfiguration(), logger: logger) { stack in
                let direct = stack.deployment.baseURL
                let environment = stack.environment

                let any = try await Self.run(
                    minLocationFailed: 1, us: deadEdge, database: database, environment: environment, direct: direct)
                #expect(any.founder.status == 2 && any.joiner.status == 2, "\(any.founder.output)\n\(any.joiner.output)")
                #expect(any.firstReason.contains("refused") && any.firstReason.hasSuffix("(seen from us-east)"), "\(any.firstReason)")
                #expect(try any.report().contains("| us-east | finished |"))

                let two = try await Self.run(
                    minLocationFailed: 2, us: deadEdge, database: database, environment: environment, direct: direct)
                #expect(two.founder.status == 0 && two.joiner.status == 0, "\(two.founder.output)\n\(two.joiner.output)")
                #expect(two.firstReason.hasSuffix("failures seen from us-east alone were not counted (min_location_failed 2)"), "\(two.firstReason)")
                let twoReport = try two.report()
                #expect(twoReport.contains("health answers: missed at us-east only, fewer than min_location_failed 2"))
                #expect(twoReport.contains("| eu-west | finished |") && twoReport.contains("| us-east | finished |"))

                let killed = try await Self.run(
                    minLocationFailed: 1, us: direct, database: database, environment: environment, direct: direct,
                    killJoinerAfter: .seconds(4)
                ) { runID in
                    // A second runner for a location that is recording is refused, and so is a run that is not there.
                    let twice = try await EndToEnd.canary(["run", "--join", runID, "--location", "eu-west", "--db", database])
                    #expect(twice.status == 64 && twice.output.contains("Location eu-west is still recording run \(runID)"), "\(twice.output)")
                    let missing = try await EndToEnd.canary(["run", "--join", "no-such-run", "--location", "x", "--db", database])
                    #expect(missing.status == 64 && missing.output.contains("no-such-run"), "\(missing.output)")
                }
                #expect(killed.founder.status == 1, "\(killed.founder.output)")
                #expect(killed.joiner.status == SIGKILL || killed.joiner.status == 128 + SIGKILL)
                #expect(killed.firstReason.hasPrefix("location us-east stopped reporting at t+"), "\(killed.firstReason)")
                #expect(try killed.report().contains("| us-east | silent |"))
                let junit = try String(contentsOfFile: killed.folder + "/eu/\(killed.runID)/junit.xml", encoding: .utf8)
                #expect(junit.contains(#"<failure type="silent" message="location us-east stopped reporting or never did""#))

                let list = try await EndToEnd.canary(["list", "--db", database])
                #expect(list.output.contains("http://127.0.0.1:") && list.output.contains(" from eu-west, us-east"), "\(list.output)")

                print(
                    """
                    | min_location_failed | eu-west | us-east | decision | first reason |
                    |---|---|---|---|---|
                    | 1 | direct | refused edge | \(Self.decision(any.founder.output)) | \(any.firstReason) |
                    | 2 | direct | refused edge | \(Self.decision(two.founder.output)) | \(two.firstReason) |
                    | 1 | direct | direct, runner killed at 4 s | \(Self.decision(killed.founder.output)) | \(killed.firstReason) |
                    """)
            }
        }

        /// Starts the run from `eu-west` against `direct`, joins it from `us-east` against `us` once it is recorded,
        /// and waits for both runners.
        static func run(
            minLocationFailed: Int, us: String, database: String, environment: [String: String], direct: String,
            killJoinerAfter: Duration? = nil, whileRunning: (String) async throws -> Void = { _ in }
        ) async throws -> Outcome {
            let folder = EndToEnd.temporaryFolder()
            try plan(minLocationFailed: minLocationFailed).write(toFile: folder + "/plan.yaml", atomically: true, encoding: .utf8)
            let known = Set(try await StoreLocation(database).withStore(logger: EndToEnd.logger) { try await $0.runs().map(\.id) })
            async let founder = EndToEnd.canary(
                [
                    "run", "--target", direct, "--scenario", folder + "/plan.yaml", "--speed", "30", "--db", database,
                    "--location", "eu-west", "--out", folder + "/eu", "--progress", "plain",
                ], environment: environment)
            let runID = try await newRun(in: database, besides: known)
            async let joiner = EndToEnd.canary(
                [
                    "run", "--join", runID, "--location", "us-east", "--target", us, "--db", database,
                    "--out", folder + "/us", "--progress", "plain",
                ], environment: environment, interruptAfter: killJoinerAfter, signal: SIGKILL)
            try await whileRunning(runID)
            return Outcome(founder: try await founder, joiner: try await joiner, runID: runID, folder: folder)
        }

        /// The id of the run that appears in `database` besides `known`.
        static func newRun(in database: String, besides known: Set<String>) async throws -> String {
            let deadline = ContinuousClock.now + .seconds(30)
            while ContinuousClock.now < deadline {
                let ids = try await StoreLocation(database).withStore(logger: EndToEnd.logger) { try await $0.runs().map(\.id) }
                if let id = ids.first(where: { !known.contains($0) }) { return id }
                try await Task.sleep(for: .milliseconds(100))
            }
            throw ServerFailure("no new run appeared in \(database) within 30 s")
        }

        static func decision(_ output: String) -> String {
            output.split(separator: "\n").first { $0.hasPrefix("decision: ") }.map { String($0.dropFirst(10)) } ?? "?"
        }
    }
}
