import Canary
import Foundation
import ServerTestSupport
import Testing

/// What only the PostgreSQL store has: URLs, connection errors that say what to fix, and runners that start at once.
@Suite struct PostgresStoreTests {
    @Test func readsAURLWithoutEverShowingItsPassword() throws {
        let location = try PostgresLocation(
            url: "postgres://canary:s3cret@db.internal:6543/runs?sslmode=verify-full&sslrootcert=ca.pem")
        #expect(location.host == "db.internal" && location.port == 6543 && location.user == "canary")
        #expect(location.password == "s3cret" && location.database == "runs")
        #expect(location.tls == .verifyFull && location.rootCertificate == "ca.pem")
        #expect(location.description == "postgres://canary@db.internal:6543/runs")
        let fromEnvironment = try StoreLocation("postgresql://db.internal", environment: ["PGUSER": "ops", "PGPASSWORD": "pw"])
        #expect(fromEnvironment == .postgres(PostgresLocation(host: "db.internal", user: "ops", password: "pw", database: "ops")))
        #expect(try StoreLocation("reports/canary.sqlite") == .sqlite(path: "reports/canary.sqlite"))
        let encoded = try PostgresLocation(url: "postgres://ops%40corp:p%2Fw%25@db.internal/runs")
        #expect(encoded.user == "ops@corp" && encoded.password == "p/w%")
    }

    @Test func aBadURLSaysWhatIsWrongWithoutThePassword() {
        for (url, says) in [
            ("postgres://canary:s3cret@/runs", "has no host"),
            ("postgres://db.internal/runs", "names no user"),
            ("postgres://canary:s3cret@db.internal/runs?sslmode=sometimes", "sslmode=sometimes"),
            ("postgres://canary@db.internal/runs?password=s3cret", "parameter password"),
        ] {
            let error = #expect(throws: CanaryError.self) { try StoreLocation(url, environment: [:]) }
            #expect(error?.description.contains(says) == true, "\(url): \(error?.description ?? "")")
            #expect(error?.description.contains("s3cret") == false, "\(url): \(error?.description ?? "")")
        }
    }

    @Test func anUnreachableServerIsAClearErrorAtOnce() async throws {
        let port = try freeLoopbackPort()
        let location = PostgresLocation(host: "127.0.0.1", port: port, user: "canary", password: "s3cret", database: "runs", tls: .disable)
        let started = ContinuousClock.now
        let error = await #expect(throws: CanaryError.self) {
            try await StoreLocation.postgres(location).withStore(logger: StoreTests.logger) { _ in }
        }
        #expect(ContinuousClock.now - started < .seconds(5))
        let text = error?.description ?? ""
        #expect(text.contains("postgres://canary@127.0.0.1:\(port)/runs") && text.contains("cannot connect"), "\(text)")
        #expect(text.contains("hint: Check that PostgreSQL listens on 127.0.0.1:\(port)") && !text.contains("s3cret"), "\(text)")
    }

    @Test(.enabled(if: PostgresServer.canRun, Comment(rawValue: PostgresServer.skipMessage)))
    func aMissingDatabaseNamesTheFix() async throws {
        var location = try await PostgresServer.shared.database()
        location.database = "no_such_database"
        let error = await #expect(throws: CanaryError.self) {
            try await StoreLocation.postgres(location).withStore(logger: StoreTests.logger) { _ in }
        }
        let text = error?.description ?? ""
        #expect(text.contains("\"no_such_database\" does not exist (SQLSTATE 3D000)"), "\(text)")
        #expect(text.contains("createdb no_such_database"), "\(text)")
    }

    /// Runners on several machines open one database together: one migrates, the others find it done.
    @Test(.enabled(if: PostgresServer.canRun, Comment(rawValue: PostgresServer.skipMessage)))
    func runnersThatStartTogetherMigrateOnce() async throws {
        let location = StoreLocation.postgres(try await PostgresServer.shared.database())
        try await withThrowingTaskGroup(of: Void.self) { group in
            for runner in 0..<4 {
                group.addTask {
                    try await location.withStore(logger: StoreTests.logger) { store in
                        try await store.begin(StoreTests.run("runner-\(runner)"))
                    }
                }
            }
            try await group.waitForAll()
        }
        let runs = try await location.withStore(logger: StoreTests.logger) { try await $0.runs() }
        #expect(runs.map(\.id).sorted() == ["runner-0", "runner-1", "runner-2", "runner-3"])
    }
}
