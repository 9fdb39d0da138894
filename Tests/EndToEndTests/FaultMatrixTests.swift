import Canary
import Foundation
import Testing

/// Every fault plan under `scenarios/faults/`, run through the CLI against the fakes at CI speed,
/// ends in the decision its `expect:` line states, with the matching exit code. So does each profile
/// under `scenarios/profiles/`, run with the plan of the same name that describes it.
extension EndToEndTests {
    @Suite(.timeLimit(.minutes(15))) struct FaultMatrixTests {
        /// The pilot at this speed plays two hours in a minute; the fakes' windows scale with it for plans in
        /// plan time. Faster, three runs at once on two cores no longer keep up with the scrape cadence.
        static let speed = "120"
        /// A plan's own speed, from a `# speed: N` line, for delays that must stay real.
        static func speed(for text: String) -> String {
            text.split(separator: "\n").first { $0.hasPrefix("# speed: ") }
                .flatMap { $0.dropFirst(9).split(separator: " ").first }.map(String.init) ?? speed
        }
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
            func yamlFiles(_ folder: String) throws -> [String] {
                try FileManager.default.contentsOfDirectory(atPath: EndToEnd.path(folder))
                    .filter { $0.hasSuffix(".yaml") }.sorted().map { folder + "/" + $0 }
            }
            let plans = try yamlFiles("scenarios/faults") + yamlFiles("scenarios/profiles")
            #expect(plans.count >= 10)
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
            // The probes follow a differing deployment as its plan describes it: nothing fails or
            // fires; only gates needing metrics it does not expose (histograms) have no data, in one line.
            let sprint9 = try #require(rows.first { $0.plan == "profiles/sprint9.yaml" })
            let reasons = Self.reasons(of: sprint9)
            #expect(reasons.count == 1 && reasons[0].contains("2 metric gates had no data: /crm/metrics (JSON counts) has no"), "\(reasons)")
            // A release that answers 500 to signed webhooks is rolled back, and the first reason says so with counts.
            let broken = try #require(rows.first { $0.plan == "profiles/broken-intake.yaml" })
            let first = try #require(Self.reasons(of: broken).first)
            #expect(
                first.range(of: #"^  - webhook\.delivery \((hubspot|zoho)\): (\d+) of \2 attempts failed: signed \1 webhook answered 500"#,
                            options: .regularExpression) != nil, "\(first)")
            let clean = try #require(rows.first { $0.plan == "faults/clean.yaml" })
            for probe in ["oauth.flow", "webhook.delivery", "import.csv", "call.push", "admin.kill-switch"] {
                for provider in ["hubspot", "zoho"] {
                    #expect(try Self.report(of: clean).contains("| \(probe) | \(provider) |"), "latency of \(probe) for \(provider)")
                }
            }
        }

        /// Runs the fault plan or profile at `path` through the CLI, with the pilot or, for a profile, the plan
        /// named like it, and reads the decision it printed.
        static func run(_ path: String, folder: String) async throws -> Row {
            let text = try String(contentsOfFile: EndToEnd.path(path), encoding: .utf8)
            let expected = text.split(separator: "\n").first { $0.hasPrefix("expect: ") }.map { String($0.dropFirst(8)) } ?? "(none)"
            let file = String(path.split(separator: "/").last ?? "")
            let isProfile = path.hasPrefix("scenarios/profiles/")
            let scenario = isProfile ? "scenarios/" + file : "scenarios/pilot.yaml"
            let name = (isProfile ? "profile-" : "") + file.replacingOccurrences(of: ".yaml", with: "")
            let result = try await EndToEnd.canary([
                "run", "--fake", "--faults", path, "--scenario", scenario, "--speed", speed(for: text),
                "--db", folder + "/\(name).sqlite", "--out", folder + "/\(name)",
            ])
            let plan = String(path.dropFirst("scenarios/".count))
            let decision = result.output.split(separator: "\n").first { $0.hasPrefix("decision: ") }
                .flatMap { $0.dropFirst(10).split(separator: " ").first }.map(String.init) ?? "(none)"
            return Row(plan: plan, expected: expected, got: decision, status: result.status, output: result.output)
        }

        /// The reason lines the CLI printed under its decision.
        static func reasons(of row: Row) -> [String] {
            row.output.split(separator: "\n").filter { $0.hasPrefix("  - ") }.map(String.init)
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
