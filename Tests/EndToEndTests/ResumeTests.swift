import Canary
import FakeBackend
import FakeCRM
import Foundation
import Logging
import Testing

/// A run killed with SIGKILL is judged from what it stored, and `canary resume` finishes it: the same run id, every
/// result stored before the kill kept, the unwatched gap recorded and shown.
extension EndToEndTests {
    @Suite(.timeLimit(.minutes(3))) struct ResumeTests {
        /// Twenty minutes of plan time, twenty seconds at speed 60.
        static let plan = """
            name: resume
            phases:
              - name: webhooks
                from: 0m
                until: 10m
                probes:
                  - probe: webhook.delivery
                    cadence: 2/m
                    timeout: 30s
                    providers: [hubspot, zoho]
              - name: calls
                from: 10m
                until: 20m
                probes:
                  - probe: call.push
                    cadence: 1/m
                    timeout: 30s
                    providers: [hubspot]
            watch:
              - probe: health
                cadence: 30s
              - probe: metrics.scrape
                cadence: 15s
            alerts:
              - name: sync errors
                level: warning
                when: increase(crm_sync_errors_total[10m]) > 0
              - name: webhook intake failing
                level: critical
                when: probe_success_ratio(webhook.delivery[10m]) == 0
                per: provider
                min_samples: 5
            gates:
              - name: webhooks take effect
                require: probe_success_ratio(webhook.delivery[run]) >= 99%
                min_samples: 30
              - name: health answers
                require: probe_success_ratio(health[run]) >= 99%
                min_samples: 30
              - name: calls arrive
                require: probe_success_ratio(call.push[run]) >= 95%
                min_samples: 8
            """

        @Test func aKilledRunIsJudgedThenResumedToItsDecision() async throws {
            let folder = EndToEnd.temporaryFolder()
            try Self.plan.write(toFile: folder + "/resume.yaml", atomically: true, encoding: .utf8)
            let database = folder + "/r.sqlite"
            let logger = Logger(label: "e2e", factory: { _ in SwiftLogNoOpLogHandler() })
            try await withFakeStack(FakeDeploymentConfiguration(), logger: logger) { stack in
                let killed = try await EndToEnd.canary(
                    [
                        "run", "--target", stack.deployment.baseURL, "--scenario", folder + "/resume.yaml", "--speed", "60",
                        "--db", database, "--out", folder + "/reports", "--progress", "plain",
                    ], environment: stack.environment, interruptAfter: .seconds(8), signal: SIGKILL)
                #expect(killed.status == SIGKILL || killed.status == 128 + SIGKILL, "\(killed.output)")
                let store = try CanaryStore(path: database)
                let runID = try #require(try await store.runs().first?.id)
                #expect(try await store.run(runID)?.end == .unfinished)
                let before = try await store.results(of: runID)
                #expect(before.count > 20, "results stored before the kill: \(before.count)")

                // Killed, it is still judged from the store: its gates, its alerts, why it is not go.
                let report = try await EndToEnd.canary(["report", runID, "--db", database, "--out", folder + "/killed"])
                #expect(report.status == 0, "\(report.output)")
                let killedReport = try String(contentsOfFile: folder + "/killed/\(runID)/report.md", encoding: .utf8)
                #expect(killedReport.contains("without recording its end"), "\(killedReport.prefix(1500))")
                #expect(killedReport.contains("| health answers |") && !killedReport.contains("The plan has no gates"))

                try await Task.sleep(for: .seconds(1))
                let resumed = try await EndToEnd.canary(
                    ["resume", runID, "--db", database, "--out", folder + "/reports", "--progress", "plain"],
                    environment: stack.environment)
                #expect(resumed.output.contains("canary resume \(runID): going on from t+"), "\(resumed.output)")
                #expect(resumed.status == 0, "a gap shorter than the alert windows can still be go: \(resumed.output)")
                #expect(try await store.runs().map(\.id) == [runID], "the same run, not a new one")
                let after = try await store.results(of: runID)
                let keys = { (results: [ProbeResult]) in Set(results.map { "\($0.probe)/\($0.provider ?? "")/\($0.intendedAt)" }) }
                #expect(keys(before).isSubset(of: keys(after)), "nothing recorded before the kill is lost")
                #expect(after.count > before.count)
                let segments = try await store.segments(of: runID)
                #expect(segments.count == 2 && segments[1].gapSeconds >= 1, "\(segments)")
                let markdown = try String(contentsOfFile: folder + "/reports/\(runID)/report.md", encoding: .utf8)
                #expect(markdown.contains("nothing watched the target for"), "the report shows the gap")
                print("resume: \(before.count) results before the kill, \(after.count) after the resume, gap "
                    + String(format: "%.2f s wall (%.1f min of plan time) from t+%.1f min", segments[1].gapSeconds,
                             segments[1].gapSeconds, segments[1].fromSeconds))

                let again = try await EndToEnd.canary(["resume", runID, "--db", database])
                #expect(again.status == 64 && again.output.contains("cannot be resumed: it completed its timeline"))
            }
        }
    }
}
