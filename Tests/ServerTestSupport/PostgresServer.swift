import Canary
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A real PostgreSQL for tests: one server per test process, made by `initdb` in a temporary folder (as the
/// `postgres` user when the tests run as root, which PostgreSQL refuses to), listening on a free loopback port with
/// trust authentication, and stopped when the process exits. Each test gets a database of its own.
///
/// Tests that need it are enabled by ``canRun``: they skip where no PostgreSQL server binaries are installed, unless
/// `CANARY_REQUIRE_POSTGRES=1` (as `.ci/run` sets) makes their absence a failure.
public actor PostgresServer {
    public static let shared = PostgresServer()

    /// The folder with `initdb`, `pg_ctl`, `postgres` and `createdb`: on `PATH`, else Debian's `/usr/lib/postgresql/N/bin`.
    public static let binaries: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        var folders = path.split(separator: ":").map(String.init)
        let debian = "/usr/lib/postgresql"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: debian)) ?? []
        folders += versions.sorted { (Int($0) ?? 0) > (Int($1) ?? 0) }.map { "\(debian)/\($0)/bin" }
        return folders.first { folder in
            ["initdb", "pg_ctl", "postgres", "createdb"].allSatisfy { FileManager.default.isExecutableFile(atPath: "\(folder)/\($0)") }
        }
    }()

    /// Whether PostgreSQL tests run here: the binaries are installed, or CI requires them (and they fail without).
    public static var canRun: Bool { binaries != nil || isRequired }
    public static var isRequired: Bool { ProcessInfo.processInfo.environment["CANARY_REQUIRE_POSTGRES"] == "1" }
    public static let skipMessage =
        "no PostgreSQL server binaries (apt-get install postgresql); set CANARY_REQUIRE_POSTGRES=1 to fail instead"

    /// The server's port once started; concurrent first callers share the one start.
    private var starting: Task<Int, any Error>?
    private var databases = 0

    /// A new, empty database on the shared server, which is started on first use.
    public func database() async throws -> PostgresLocation {
        let port = try await started()
        databases += 1
        let name = "canary_test_\(databases)"
        try await Self.run("createdb", ["-h", "127.0.0.1", "-p", "\(port)", "-U", "canary", name])
        return PostgresLocation(host: "127.0.0.1", port: port, user: "canary", database: name, tls: .disable)
    }

    /// The `postgres://` URL of `location`, as `--db` takes it.
    public static func url(_ location: PostgresLocation) -> String {
        "postgres://\(location.user)@\(location.host):\(location.port)/\(location.database)?sslmode=disable"
    }

    private func started() async throws -> Int {
        if let starting { return try await starting.value }
        let task = Task { try await Self.start() }
        starting = task
        return try await task.value
    }

    private static func start() async throws -> Int {
        guard let binaries = Self.binaries else {
            throw ServerFailure("PostgreSQL is required (CANARY_REQUIRE_POSTGRES=1) but not installed: apt-get install postgresql")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("canary-postgres-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        if getuid() == 0 {
            try FileManager.default.setAttributes([.ownerAccountName: "postgres"], ofItemAtPath: folder)
        }
        try await Self.run("initdb", ["-D", folder + "/data", "-U", "canary", "-A", "trust", "-E", "UTF8", "--no-sync"])
        let port = try freeLoopbackPort()
        // Tests throw their databases away: nothing needs to survive a crash.
        let options = "-h 127.0.0.1 -p \(port) -k \(folder) -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        // Through the shell: Foundation's `Process` waits for every inherited descriptor to close, and the server
        // that `pg_ctl start` leaves running keeps them.
        let start = "\(asPostgres)\"\(binaries)/pg_ctl\" -D \"\(folder)/data\" -l \"\(folder)/server.log\" -o '\(options)' -w start"
        let status = await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: system(start + " >/dev/null 2>&1")) }
        }
        guard status == 0 else {
            let log = (try? String(contentsOfFile: folder + "/server.log", encoding: .utf8)) ?? ""
            throw ServerFailure("pg_ctl start exited \(status):\n\(log.suffix(2000))")
        }
        runningFolder = strdup(folder)
        atexit(stopRunningServer)
        return port
    }

    /// What runs a command as the `postgres` user under root, in the shell.
    static var asPostgres: String { getuid() == 0 ? "runuser -u postgres -- " : "" }

    /// Runs a PostgreSQL program to its end (as `postgres` under root), failing with what it printed.
    static func run(_ program: String, _ arguments: [String]) async throws {
        guard let binaries else { throw ServerFailure("no PostgreSQL binaries") }
        let process = Process()
        if getuid() == 0 {
            process.executableURL = URL(fileURLWithPath: "/usr/sbin/runuser")
            process.arguments = ["-u", "postgres", "--", "\(binaries)/\(program)"] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: "\(binaries)/\(program)")
            process.arguments = arguments
        }
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("canary-\(program)-\(UUID().uuidString).log").path
        _ = FileManager.default.createFile(atPath: outputPath, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        guard let output = FileHandle(forWritingAtPath: outputPath) else { throw ServerFailure("cannot write \(outputPath)") }
        defer { try? output.close() }
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        let launched = await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            process.terminationHandler = { _ in continuation.resume(returning: true) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(returning: false)
            }
        }
        guard launched else { throw ServerFailure("cannot start \(process.executableURL?.path ?? program)") }
        let printed = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        guard process.terminationStatus == 0 else {
            throw ServerFailure("\(program) \(arguments.joined(separator: " ")) exited \(process.terminationStatus):\n\(printed.suffix(2000))")
        }
    }
}

/// The folder of the shared server, for the exit handler, which can capture nothing.
nonisolated(unsafe) private var runningFolder: UnsafeMutablePointer<CChar>?

/// Stops the shared server at once when the test process exits, and removes its folder.
private func stopRunningServer() {
    guard let pointer = runningFolder else { return }
    let folder = String(cString: pointer)
    let stop = "\"\(PostgresServer.binaries ?? "")/pg_ctl\" -D \"\(folder)/data\" -m immediate stop >/dev/null 2>&1"
    _ = system(PostgresServer.asPostgres + stop + "; rm -rf \"\(folder)\"")
}
