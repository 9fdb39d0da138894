import AsyncHTTPClient
import Foundation
import ServerTestSupport
import Testing

/// A real Prometheus for a test: started on a free loopback port with its own configuration and storage in a
/// temporary folder, scraping one target every second, and stopped (its folder removed) when the test is done.
///
/// Tests that need it are enabled by ``canRun``: they skip where no `prometheus` binary is on `PATH`, unless
/// `CANARY_REQUIRE_PROMETHEUS=1` (as `.ci/run` sets) makes a missing binary a failure.
struct PrometheusServer: Sendable {
    /// The server's base URL.
    let url: String
    private let process: Process
    private let folder: String

    /// The `prometheus` executable on `PATH`.
    static let binary: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/prometheus" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// Whether Prometheus tests run here: the binary is installed, or CI requires them (and they fail without it).
    static var canRun: Bool { binary != nil || isRequired }
    static var isRequired: Bool { ProcessInfo.processInfo.environment["CANARY_REQUIRE_PROMETHEUS"] == "1" }
    static let skipMessage = "no prometheus binary on PATH (apt-get install prometheus); set CANARY_REQUIRE_PROMETHEUS=1 to fail instead"

    /// Starts Prometheus scraping `metricsURL` as job `job`, waits until it is ready, runs `body`, stops it.
    static func with<T: Sendable>(
        scraping metricsURL: String, job: String = "backend", _ body: (PrometheusServer) async throws -> T
    ) async throws -> T {
        let server = try await start(scraping: metricsURL, job: job)
        do {
            let value = try await body(server)
            await server.stop()
            return value
        } catch {
            await server.stop()
            throw error
        }
    }

    private static func start(scraping metricsURL: String, job: String) async throws -> PrometheusServer {
        guard let binary else {
            throw ServerFailure("prometheus is required (CANARY_REQUIRE_PROMETHEUS=1) but not on PATH: apt-get install prometheus")
        }
        guard let target = URL(string: metricsURL), let host = target.host, let port = target.port else {
            throw ServerFailure("cannot scrape \(metricsURL): it needs a host and a port")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("canary-prometheus-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder + "/data", withIntermediateDirectories: true)
        let configuration = """
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
              evaluation_interval: 1s
            scrape_configs:
              - job_name: \(job)
                metrics_path: \(target.path)
                scheme: \(target.scheme ?? "http")
                static_configs:
                  - targets: ['\(host):\(port)']
            """
        try configuration.write(toFile: folder + "/prometheus.yml", atomically: true, encoding: .utf8)
        let listen = try freeLoopbackPort()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = [
            "--config.file=\(folder)/prometheus.yml", "--storage.tsdb.path=\(folder)/data",
            "--web.listen-address=127.0.0.1:\(listen)", "--log.level=warn",
        ]
        _ = FileManager.default.createFile(atPath: folder + "/prometheus.log", contents: nil)
        guard let log = FileHandle(forWritingAtPath: folder + "/prometheus.log") else {
            throw ServerFailure("cannot write prometheus's log in \(folder)")
        }
        process.standardOutput = log
        process.standardError = log
        try process.run()
        let server = PrometheusServer(url: "http://127.0.0.1:\(listen)", process: process, folder: folder)
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            if !process.isRunning { break }
            if await server.isReady() { return server }
            try await Task.sleep(for: .milliseconds(100))
        }
        let output = (try? String(contentsOfFile: folder + "/prometheus.log", encoding: .utf8)) ?? ""
        await server.stop()
        throw ServerFailure("prometheus did not become ready on 127.0.0.1:\(listen) within 30 s:\n\(output.suffix(2000))")
    }

    /// Whether `/-/ready` answers 200.
    private func isReady() async -> Bool {
        var request = HTTPClientRequest(url: url + "/-/ready")
        request.method = .GET
        guard let response = try? await HTTPClient.shared.execute(request, timeout: .seconds(1)) else { return false }
        _ = try? await response.body.collect(upTo: 1 << 16)
        return response.status.code == 200
    }

    /// Stops the server, waits for it off the concurrency pool, and removes its folder.
    func stop() async {
        if process.isRunning { process.terminate() }
        let process = self.process
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                process.waitUntilExit()
                continuation.resume()
            }
        }
        try? FileManager.default.removeItem(atPath: folder)
    }
}
