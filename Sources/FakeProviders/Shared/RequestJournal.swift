import FakeSupport
import Hummingbird
import Synchronization

/// The last requests a fake provider answered, newest last, with credentials redacted.
public final class RequestJournal: Sendable {
    /// One request and what became of it.
    public struct Entry: Sendable, Hashable {
        /// Position since the provider started or was reset, from 1.
        public let sequence: Int
        /// Milliseconds since the provider started when the request arrived.
        public let atMilliseconds: Double
        /// `GET`, `POST`, …
        public let method: String
        /// The status answered, or 0 when the connection was reset instead.
        public let status: Int
        /// Time from the request's head to the answer's head, in milliseconds.
        public let latencyMilliseconds: Double
        /// A fault that shaped the answer, e.g. `latency 120ms`, `status 503`.
        public let fault: String?
        // Kept as received and masked when read, so recording stays cheap on every request.
        let rawPath: String
        let rawHeaders: HTTPFields

        /// Path and query, credentials masked.
        public var path: String { SecretRedaction.redact(pathAndQuery: rawPath) }

        /// Request headers in order, credential values masked.
        public var headers: [(name: String, value: String)] {
            rawHeaders.map { field in
                (field.name.rawName, SecretRedaction.isSecretHeader(field.name.rawName) ? SecretRedaction.mask : field.value)
            }
        }

        /// The entry as inspection JSON.
        public var json: JSONValue {
            [
                "sequence": .int(sequence), "at_ms": .number((atMilliseconds * 1000).rounded() / 1000),
                "method": .string(method), "path": .string(path), "status": .int(status),
                "latency_ms": .number((latencyMilliseconds * 1000).rounded() / 1000),
                "headers": .object(
                    Dictionary(headers.map { ($0.name.lowercased(), .string($0.value)) }, uniquingKeysWith: { a, _ in a })),
                "fault": fault.map { .string($0) } ?? .null,
            ]
        }

        public static func == (lhs: Entry, rhs: Entry) -> Bool { lhs.sequence == rhs.sequence && lhs.rawPath == rhs.rawPath }
        public func hash(into hasher: inout Hasher) { hasher.combine(sequence) }
    }

    private let capacity: Int
    private let startedAt: ContinuousClock.Instant
    private let state = Mutex(State())

    private struct State: Sendable {
        var entries: [Entry] = []
        var sequence = 0
    }

    /// Creates a journal keeping the last `capacity` entries.
    public init(capacity: Int = 2000, startedAt: ContinuousClock.Instant = .now) {
        self.capacity = max(1, capacity)
        self.startedAt = startedAt
    }

    /// Records a request, masking credentials in its path and headers.
    func record(
        method: String, pathAndQuery: String, headers: HTTPFields, status: Int,
        arrivedAt: ContinuousClock.Instant, answeredAt: ContinuousClock.Instant, fault: String?
    ) {
        let at = Self.milliseconds(startedAt.duration(to: arrivedAt))
        let latency = Self.milliseconds(arrivedAt.duration(to: answeredAt))
        state.withLock { state in
            state.sequence += 1
            state.entries.append(
                Entry(
                    sequence: state.sequence, atMilliseconds: at, method: method, status: status,
                    latencyMilliseconds: latency, fault: fault, rawPath: pathAndQuery, rawHeaders: headers))
            if state.entries.count >= capacity * 2 { state.entries.removeFirst(state.entries.count - capacity) }
        }
    }

    /// The kept entries, oldest first.
    public func entries() -> [Entry] {
        state.withLock { Array($0.entries.suffix(capacity)) }
    }

    /// Forgets every entry and restarts the numbering.
    public func reset() {
        state.withLock { $0 = State() }
    }

    private static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) * 1e-15
    }
}
