import AsyncHTTPClient
import Canary
import FakeBackend
import FakeCRM
import Foundation
import Logging
import NIOCore
import Probes
import Synchronization

extension Benchmark {
    /// Posts `events` genuinely signed HubSpot webhooks, `concurrency` at a time, to the fake deployment
    /// of a fresh fake stack whose HubSpot sync is paused, so only intake is measured: verify the v3
    /// signature, parse, dedupe, queue. Reports accepted webhooks a second and the answer's latency.
    static func intake(events: Int, concurrency: Int) async throws {
        var logger = Logger(label: "canary-bench")
        logger.logLevel = .warning
        try await withFakeStack(FakeDeploymentConfiguration(), logger: logger) { stack in
            var configuration = HTTPClient.Configuration()
            configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = concurrency
            let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
            do {
                try await measureIntake(stack: stack, client: client, events: events, concurrency: concurrency)
                try await client.shutdown()
            } catch {
                try? await client.shutdown()
                throw error
            }
        }
    }

    private static func measureIntake(stack: RunningFakeStack, client: HTTPClient, events: Int, concurrency: Int)
        async throws
    {
        let base = stack.deployment.baseURL
        let adminToken = stack.environment["CRM_ADMIN_TOKEN"] ?? ""
        var pause = HTTPClientRequest(url: base + "/crm/admin/pause-sync?provider=hubspot&pause=true&workspace_id=bench")
        pause.method = .POST
        pause.headers.add(name: "Authorization", value: "Bearer \(adminToken)")
        let paused = try await client.execute(pause, timeout: .seconds(5))
        guard paused.status == .ok else { throw BenchmarkError("pausing HubSpot sync answered \(paused.status.code)") }

        let url = base + "/crm/webhooks/hubspot"
        let signing = WebhookSigning.defaults["hubspot"]!
        let secret = stack.environment[signing.secretName ?? ""].map(Secret.init)
        let sender = IntakeSender(client: client, url: url, signing: signing, secret: secret, events: events)
        let clock = ContinuousClock()
        let started = clock.now
        await withDiscardingTaskGroup { group in
            for _ in 0..<concurrency {
                group.addTask { await sender.sendUntilDone() }
            }
        }
        let elapsed = (clock.now - started).seconds
        let queued = stack.deployment.state.syncStatus().queueSize
        sender.tally.withLock { tally in
            print(
                String(
                    format:
                        "intake: %d signed hubspot webhooks, %d in flight, in %.2f s: %.0f accepted/s; "
                        + "answer p50 %.2f ms, p99 %.2f ms, max %.2f ms; %d refused or failed; %d queued",
                    events, concurrency, elapsed, Double(tally.accepted) / elapsed,
                    (tally.latency.quantile(0.5) ?? 0) * 1000, (tally.latency.quantile(0.99) ?? 0) * 1000,
                    (tally.latency.max ?? 0) * 1000, tally.refused, queued))
        }
    }
}

/// Posts signed HubSpot webhooks from several tasks until `events` have been sent.
final class IntakeSender: Sendable {
    let client: HTTPClient
    let url: String
    let signing: WebhookSigning
    let secret: Secret<String>?
    let events: Int
    let next = Atomic(0)
    let tally = Mutex(IntakeTally())

    init(client: HTTPClient, url: String, signing: WebhookSigning, secret: Secret<String>?, events: Int) {
        self.client = client
        self.url = url
        self.signing = signing
        self.secret = secret
        self.events = events
    }

    /// Sends one webhook after another until the shared count reaches `events`.
    func sendUntilDone() async {
        let clock = ContinuousClock()
        while next.add(1, ordering: .relaxed).oldValue < events {
            let payload = WebhookEvents.make(source: "hubspot", workspaceID: "bench", now: Date())!
            let signed = signing.sign(payload, url: url, at: Date(), secret: secret)
            var request = HTTPClientRequest(url: url)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json")
            for (name, value) in signed.headers { request.headers.add(name: name, value: value) }
            request.body = .bytes(ByteBuffer(bytes: signed.body))
            let sent = clock.now
            let status = try? await client.execute(request, timeout: .seconds(10)).status.code
            let latency = (clock.now - sent).seconds
            tally.withLock { $0.record(status: status.map { Int($0) }, seconds: latency) }
        }
    }
}

/// What the intake benchmark saw: accepted answers, the rest, and every answer's latency.
struct IntakeTally {
    var accepted = 0
    var refused = 0
    var latency = LatencyHistogram()

    mutating func record(status: Int?, seconds: Double) {
        if let status, (200..<300).contains(status) { accepted += 1 } else { refused += 1 }
        latency.record(seconds: max(seconds, 1e-6))
    }
}

/// Why a benchmark could not run.
struct BenchmarkError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
