import AsyncHTTPClient
import Canary
import Foundation
import Hummingbird
import Logging
import Probes

extension Benchmark {
    /// The probe engine with full recording (the live watcher, histograms and the SQLite writer) at `concurrency`
    /// in flight against a bare route of a loopback server, next to `wrk` and `hey` on the same route, in one run.
    static func engine(seconds: Double, concurrency: Int) async throws {
        try await withBareRoute { url in
            let ours = try await engineRate(url: url, seconds: seconds, concurrency: concurrency)
            print(String(format: "engine: %.0f requests/s (probe attempts recorded to SQLite, %d in flight)", ours, concurrency))
            let seconds = Int(seconds.rounded())
            let wrk = peerRate(["wrk", "-t2", "-c\(concurrency)", "-d\(seconds)s", url], marker: "Requests/sec:")
            let hey = peerRate(["hey", "-z", "\(seconds)s", "-c", "\(concurrency)", url], marker: "Requests/sec:")
            for (name, rate, goal) in [("wrk", wrk, 0.5), ("hey", hey, 1.0)] {
                guard let rate else {
                    print("\(name): not run (install Debian's \(name) package)")
                    continue
                }
                print(String(format: "%@: %.0f requests/s; engine / %@ = %.2fx (goal at least %.1fx)", name, rate, name, ours / rate, goal))
            }
        }
    }

    /// Attempts per second of a probe that GETs `url`, each recorded as a run records it.
    static func engineRate(url: String, seconds: Double, concurrency: Int) async throws -> Double {
        let plan = try PlanLoader.parse(
            """
            name: engine
            phases:
              - name: load
                from: 0s
                until: 1h
                probes:
                  - probe: health
                    cadence: 1s
            alerts:
              - name: failures
                level: warning
                when: probe_failures(health[1m]) > 100
            """, file: "engine.yaml")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("canary-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try CanaryStore(path: folder.appendingPathComponent("engine.sqlite").path)
        try await store.begin(
            RunRecord(
                id: "engine", planName: plan.name, planPath: "engine.yaml", planSource: plan.source, target: url,
                speed: 1, faults: nil, harnessVersion: CanaryVersion.current, startedAt: Date(), endedAt: nil,
                end: .unfinished, decision: nil, reasons: []))
        let target = ProbeTarget(backendURL: url, workspaceID: "bench")
        let settings = RunSettings(speed: 1, target: target, logger: Logger(label: "bench"))
        let (events, continuation) = AsyncStream.makeStream(of: RunEvent.self)
        let origin = ContinuousClock.now
        let deadline = origin + .seconds(seconds)
        return try await HTTPClient.withProbeClient { http in
            let context = ProbeContext(http: http, target: target, timeout: .seconds(5), logger: Logger(label: "bench"))
            async let recorded: Int = {
                var recording = RunRecording(
                    runID: "engine", plan: plan, settings: settings, store: store, control: RunControl())
                var count = 0
                for await event in events {
                    if case .result = event { count += 1 }
                    await recording.handle(event)
                }
                try? await recording.finish()
                return count
            }()
            await withTaskGroup(of: Void.self) { group in
                for _ in 0..<concurrency {
                    group.addTask {
                        while ContinuousClock.now < deadline {
                            let start = (ContinuousClock.now - origin).seconds
                            let outcome = (try? await BareGetProbe().run(in: context)) ?? .fail(.other, "cancelled")
                            let end = (ContinuousClock.now - origin).seconds
                            continuation.yield(
                                .result(
                                    ProbeResult(
                                        probe: "health", provider: nil, phase: "load", intendedAt: start, startedAt: start,
                                        latency: end - start, passed: outcome.passed,
                                        errorClass: outcome.errorClass?.rawValue, detail: outcome.detail)))
                        }
                    }
                }
                group.addTask {
                    while ContinuousClock.now < deadline {
                        try? await Task.sleep(for: .milliseconds(250))
                        continuation.yield(.tick((ContinuousClock.now - origin).seconds))
                    }
                }
            }
            let elapsed = (ContinuousClock.now - origin).seconds
            continuation.finish()
            return Double(await recorded) / elapsed
        }
    }

    /// A peer tool's requests/s from the line starting with `marker`; nil when the tool is not installed.
    static func peerRate(_ command: [String], marker: String) -> Double? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = command
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = Pipe()
        guard (try? process.run()) != nil else { return nil }
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        let line = output.split(separator: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix(marker) }
        return line.flatMap { Double($0.trimmingCharacters(in: .whitespaces).dropFirst(marker.count).trimmingCharacters(in: .whitespaces)) }
    }

    /// Serves `GET /` with a two-byte body on a free loopback port for the duration of `body`.
    static func withBareRoute(_ body: @escaping @Sendable (String) async throws -> Void) async throws {
        let router = Router()
        router.get("/") { _, _ in "ok" }
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "bench.server")
        logger.logLevel = .critical  // cancelling the server at the end is the expected way out
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in portContinuation.yield(channel.localAddress?.port ?? 0) }, logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.runService() }
            guard let port = await ports.first(where: { _ in true }) else { return }
            try await body("http://127.0.0.1:\(port)/")
            group.cancelAll()
        }
    }
}

/// One GET of the target's base URL, checked for a 2xx answer: the least a probe does.
struct BareGetProbe: Probe {
    let id = "health"
    func run(in context: ProbeContext) async throws -> ProbeOutcome {
        try await probeAttempt {
            let response = try await context.send(.GET, "")
            return response.isSuccess ? .pass() : .fail(.httpStatus, "answered \(response.status)")
        }
    }
}
