import FakeSupport
import Logging
import ServiceLifecycle
import Synchronization

/// Delivers outgoing webhooks in the background, retrying failed ones with backoff.
///
/// A provider enqueues a ``Delivery``; the outbox builds each attempt's request afresh (so the body can
/// carry the attempt number and the signature a fresh timestamp), posts it, and on a non-2xx answer or
/// no answer waits as its ``WebhookRetryPolicy`` says and tries again. It runs as a `Service` next to
/// the provider's HTTP server; ``reset()`` drops pending retries.
public final class WebhookOutbox: Service, Sendable {
    /// One webhook to deliver.
    public struct Delivery: Sendable {
        /// Where it goes.
        public var url: String
        /// A short label for the record, e.g. `subscription 3, 2 events`.
        public var label: String
        /// Builds the request for attempt `n` (0 for the first): body and headers.
        public var makeAttempt: @Sendable (_ attempt: Int) -> (body: [UInt8], headers: [(String, String)])

        /// Creates a delivery.
        public init(
            url: String, label: String,
            makeAttempt: @escaping @Sendable (_ attempt: Int) -> (body: [UInt8], headers: [(String, String)])
        ) {
            self.url = url
            self.label = label
            self.makeAttempt = makeAttempt
        }
    }

    /// One attempt, as recorded.
    public struct Attempt: Sendable, Hashable {
        /// Where it went.
        public let url: String
        /// The delivery's label.
        public let label: String
        /// 0 for the first attempt.
        public let attemptNumber: Int
        /// The receiver's status, or nil when it did not answer.
        public let status: Int?
        /// Why it failed without an answer.
        public let error: String?
        /// Whether the delivery is done after this attempt (delivered or out of retries).
        public let final: Bool

        /// The attempt as inspection JSON.
        public var json: JSONValue {
            [
                "url": .string(url), "label": .string(label), "attemptNumber": .int(attemptNumber),
                "status": status.map { .int($0) } ?? .null, "error": error.map { .string($0) } ?? .null,
                "delivered": .bool(status.map { (200..<300).contains($0) } ?? false), "final": .bool(final),
            ]
        }
    }

    private let retry: WebhookRetryPolicy
    private let timeout: Duration
    private let transport: any WebhookTransport
    private let logger: Logger
    private let queue: AsyncStream<(generation: Int, delivery: Delivery)>
    private let continuation: AsyncStream<(generation: Int, delivery: Delivery)>.Continuation
    private let state = Mutex(State())

    private struct State: Sendable {
        var generation = 0
        var attempts: [Attempt] = []
    }

    /// Creates an outbox; nothing is sent until ``run()`` runs.
    public init(
        retry: WebhookRetryPolicy = .init(), timeout: Duration = .seconds(5),
        transport: any WebhookTransport = HTTPClientWebhookTransport(), logger: Logger
    ) {
        self.retry = retry
        self.timeout = timeout
        self.transport = transport
        self.logger = logger
        (queue, continuation) = AsyncStream.makeStream(bufferingPolicy: .unbounded)
    }

    /// Queues a delivery.
    public func enqueue(_ delivery: Delivery) {
        let generation = state.withLock { $0.generation }
        continuation.yield((generation, delivery))
    }

    /// Every attempt so far, oldest first (the last 1,000).
    public func attempts() -> [Attempt] {
        state.withLock { $0.attempts }
    }

    /// Forgets recorded attempts and abandons pending retries.
    public func reset() {
        state.withLock {
            $0.generation += 1
            $0.attempts.removeAll()
        }
    }

    /// Delivers queued webhooks until graceful shutdown.
    public func run() async throws {
        await withDiscardingTaskGroup { group in
            for await item in queue.cancelOnGracefulShutdown() {
                group.addTask { await self.deliver(item.delivery, generation: item.generation) }
            }
            group.cancelAll()
        }
    }

    private func isCurrent(_ generation: Int) -> Bool {
        state.withLock { $0.generation == generation }
    }

    private func deliver(_ delivery: Delivery, generation: Int) async {
        for attempt in 0..<retry.maxAttempts {
            guard !Task.isCancelled, isCurrent(generation) else { return }
            let request = delivery.makeAttempt(attempt)
            var status: Int?
            var failure: String?
            do {
                status = try await transport.send(
                    url: delivery.url, body: request.body, headers: request.headers, timeout: timeout)
            } catch {
                failure = "\(error)"
            }
            let delivered = status.map { (200..<300).contains($0) } ?? false
            let final = delivered || attempt == retry.maxAttempts - 1
            record(
                Attempt(
                    url: delivery.url, label: delivery.label, attemptNumber: attempt, status: status, error: failure,
                    final: final),
                generation: generation)
            logger.debug(
                "Webhook attempt.",
                metadata: [
                    "fake.webhook.url": "\(delivery.url)", "fake.webhook.attempt": "\(attempt)",
                    "fake.webhook.status": "\(status.map(String.init) ?? "none")",
                ])
            if final { return }
            do {
                try await Task.sleep(for: retry.delay(after: attempt))
            } catch {
                return
            }
        }
    }

    private func record(_ attempt: Attempt, generation: Int) {
        state.withLock {
            guard $0.generation == generation else { return }
            $0.attempts.append(attempt)
            if $0.attempts.count > 1000 { $0.attempts.removeFirst($0.attempts.count - 1000) }
        }
    }
}
