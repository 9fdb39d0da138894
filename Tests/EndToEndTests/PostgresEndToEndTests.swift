import Canary
import Foundation
import ServerTestSupport
import Testing

/// The CLI with `--db postgres://…` against a real PostgreSQL: a run on the fakes is recorded there, listed and
/// rebuilt; the same run copied into a SQLite file answers every read the same and rebuilds the same bytes.
extension EndToEndTests {
    @Suite(.enabled(if: PostgresServer.canRun, Comment(rawValue: PostgresServer.skipMessage)), .timeLimit(.minutes(5)))
    struct PostgresEndToEndTests {
        /// Ten plan minutes of webhooks, health and scrapes, with an alert, gates and a runbook: every table gets
        /// rows, in ten seconds at speed 60.
        static let plan = """
            name: store-check
            phases:
              - name: webhooks
                from: 0m
                until: 10m
                probes:
                  - probe: webhook.delivery
                    cadence: 6/m
                    providers: [hubspot, zoho]
            watch:
              - probe: health
                cadence: 5s
              - probe: metrics.scrape
                cadence: 15s
            alerts:
              - name: sync errors
                level: warning
                when: increase(crm_sync_errors_total[5m]) > 0
            gates:
              - name: health answers
                require: probe_success_ratio(health[run]) >= 99%
                min_samples: 10
              - name: no sync errors
                require: increase(crm_sync_errors_total[run]) == 0
                min_samples: 5
            rollback:
              - name: pause HubSpot sync
                http: POST /crm/admin/pause-sync?provider=hubspot&pause=true
            """

        @Test func aRunInPostgreSQLRebuildsTheSameReportsAsInSQLite() async throws {
            let location = try await PostgresServer.shared.database()
            let url = PostgresServer.url(location)
            let folder = EndToEnd.temporaryFolder()
            try Self.plan.write(toFile: folder + "/plan.yaml", atomically: true, encoding: .utf8)
            let run = try await EndToEnd.canary([
                "run", "--fake", "--faults", "scenarios/faults/sync-errors-transient.yaml", "--scenario",
                folder + "/plan.yaml", "--speed", "60", "--db", url, "--out", folder + "/run", "--progress", "plain",
            ])
            let decision = try #require(
                run.output.split(separator: "\n").first { $0.hasPrefix("decision: ") }, "\(run.output)")
            #expect([0, 1, 2].contains(run.status), "\(run.output)")

            // `CANARY_DB` names the database as well as `--db` does.
            let list = try await EndToEnd.canary(["list"], environment: ["CANARY_DB": url])
            #expect(list.status == 0, "\(list.output)")
            let lines = list.output.split(separator: "\n")
            #expect(lines.count == 2, "\(list.output)")
            let runID = try #require(lines.last.flatMap { $0.split(separator: " ").first }.map(String.init))
            #expect(decision.contains(runID) || run.output.contains(runID), "\(run.output)")

            let rebuilt = try await EndToEnd.canary(["report", runID, "--db", url, "--out", folder + "/postgres"])
            #expect(rebuilt.status == 0, "\(rebuilt.output)")

            // The same run through the store protocol into SQLite.
            let sqlite = StoreLocation.sqlite(path: folder + "/copy.sqlite")
            let snapshots = try await StoreLocation.postgres(location).withStore(logger: EndToEnd.logger) { postgres in
                try await sqlite.withStore(logger: EndToEnd.logger) { copy in
                    try await StoreSnapshot.copy(runID, from: postgres, to: copy)
                    #expect(!(try await postgres.gates(of: runID)).isEmpty)
                    #expect((try await postgres.results(of: runID)).count > 100)
                    #expect(!(try await postgres.alerts(of: runID)).isEmpty, "the sync errors alert fired")
                    return (
                        try await StoreSnapshot.of(runID, in: postgres, recordingOrder: false),
                        try await StoreSnapshot.of(runID, in: copy, recordingOrder: false)
                    )
                }
            }
            let postgresLines = snapshots.0.split(separator: "\n"), sqliteLines = snapshots.1.split(separator: "\n")
            let firstDifference = zip(postgresLines, sqliteLines).first { $0 != $1 }
            #expect(
                postgresLines.count == sqliteLines.count && firstDifference == nil,
                Comment(rawValue:
                    "the stores answer differently (\(postgresLines.count) and \(sqliteLines.count) lines), first at:\n"
                    + "PostgreSQL: \(firstDifference?.0.prefix(300) ?? "")\nSQLite:     \(firstDifference?.1.prefix(300) ?? "")"))
            let fromSQLite = try await EndToEnd.canary([
                "report", runID, "--db", folder + "/copy.sqlite", "--out", folder + "/sqlite",
            ])
            #expect(fromSQLite.status == 0, "\(fromSQLite.output)")
            for name in ReportWriter.fileNames {
                let written = try Data(contentsOf: URL(fileURLWithPath: "\(folder)/run/\(runID)/\(name)"))
                let postgres = try Data(contentsOf: URL(fileURLWithPath: "\(folder)/postgres/\(runID)/\(name)"))
                let copied = try Data(contentsOf: URL(fileURLWithPath: "\(folder)/sqlite/\(runID)/\(name)"))
                #expect(!written.isEmpty && written == postgres, "\(name): rebuilt from PostgreSQL differs from the run's")
                #expect(postgres == copied, "\(name): rebuilt from SQLite differs from PostgreSQL's")
            }
        }
    }
}
