import Canary
import Foundation
import Testing

/// Every fault plan under `scenarios/faults/`, run through the CLI against the fakes at CI speed,
/// ends in the decision its `expect:` line states, with the matching exit code.
extension EndToEndTests {
    @Suite(.timeLimit(.minutes(15))) struct FaultMatrixTests {
        /// The pilot at this speed plays two hours in two minutes, as `.ci/run` does.
        static let speed = "60"
        /// Runs at once: each pilot run needs a fraction of a core.
        static let concurrentRuns = 3

        struct Row: Sendable {
            var plan: String
            var expected: String
            var got: String
            var status: Int32
            var output: String
        }

        @Test func everyFaultPlanEndsInTheDecisionItExpects() async throws {
            let folder = EndToEnd.temporaryFolder()
            let plans = try FileManager.default.contentsOfDirectory(atPath: EndToEnd.path("scenarios/faults"))
                .filter { $0.hasSuffix(".yaml") }.sorted()
            #expect(plans.count >= 9)
            let rows = try await withThrowingTaskGroup(of: Row.self, returning: [Row].self) { group in
                var pending = plans[...]
                var rows: [Row] = []
                func start(_ plan: String) {
                    group.addTask { try await Self.run(plan, folder: folder) }
                }
                for plan in pending.prefix(Self.concurrentRuns) { start(plan) }
                pending = pending.dropFirst(Self.concurrentRuns)
                for try await row in group {
                    rows.append(row)
                    if let next = pending.popFirst() { start(next) }
                }
                return rows.sorted { $0.plan < $1.plan }
            }
            let table = ["| plan | expected | got |", "|---|---|---|"]
                + rows.map { "| \($0.plan) | \($0.expected) | \($0.got) |" }
            print(table.joined(separator: "\n"))
            for row in rows {
                #expect(row.got == row.expected, "\(row.plan):\n\(row.output)")
                #expect(row.status == Self.exitCode(row.expected), "\(row.plan) exited \(row.status)")
            }
            let clean = try #require(rows.first { $0.plan == "clean.yaml" })
            for probe in ["oauth.flow", "webhook.delivery", "import.csv", "call.push", "admin.kill-switch"] {
                for provider in ["hubspot", "zoho"] {
                    #expect(try Self.report(of: clean).contains("| \(probe) | \(provider) |"), "latency of \(probe) for \(provider)")
                }
            }
        }

        /// Runs the pilot with `plan` through the CLI and reads the decision it printed.
        static func run(_ plan: String, folder: String) async throws -> Row {
            let path = "scenarios/faults/" + plan
            let text = try String(contentsOfFile: EndToEnd.path(path), encoding: .utf8)
            let expected = text.split(separator: "\n").first { $0.hasPrefix("expect: ") }.map { String($0.dropFirst(8)) } ?? "(none)"
            let name = plan.replacingOccurrences(of: ".yaml", with: "")
            let result = try await EndToEnd.canary([
                "run", "--fake", "--faults", path, "--speed", speed, "--db", folder + "/\(name).sqlite",
                "--out", folder + "/\(name)",
            ])
            let decision = result.output.split(separator: "\n").first { $0.hasPrefix("decision: ") }
                .flatMap { $0.dropFirst(10).split(separator: " ").first }.map(String.init) ?? "(none)"
            return Row(plan: plan, expected: expected, got: decision, status: result.status, output: result.output)
        }

        /// The Markdown report a run wrote.
        static func report(of row: Row) throws -> String {
            let line = try #require(row.output.split(separator: "\n").first { $0.hasPrefix("reports: ") })
            let folder = String(line.dropFirst(9).prefix { $0 != "{" })
            return try String(contentsOfFile: folder + "report.md", encoding: .utf8)
        }

        static func exitCode(_ decision: String) -> Int32 {
            switch decision {
            case "go": 0
            case "fix-and-retest": 1
            default: 2
            }
        }
    }
}
