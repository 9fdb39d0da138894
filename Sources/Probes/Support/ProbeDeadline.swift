import Foundation

/// When one attempt must give up: its start plus the probe's timeout.
public struct ProbeDeadline: Sendable {
    /// When the attempt started.
    public let start: ContinuousClock.Instant
    /// When it must be over.
    public let end: ContinuousClock.Instant
    /// The timeout, for messages.
    public let timeout: Duration

    /// A deadline `timeout` from now.
    public init(timeout: Duration) {
        self.start = .now
        self.end = start + timeout
        self.timeout = timeout
    }

    /// Whether the deadline has passed.
    public var hasPassed: Bool { ContinuousClock.now >= end }

    /// Seconds from `instant` until now.
    public static func seconds(since instant: ContinuousClock.Instant) -> Double { (ContinuousClock.now - instant).seconds }

    /// The timeout as people read it, e.g. `5s` or `2.5s`.
    public var timeoutText: String { String(format: "%gs", (timeout.seconds * 1000).rounded() / 1000) }

    /// Calls `check` every `interval` until it returns a value.
    /// - Throws: ``ProbeFailure`` "`what` not visible after Xs" (with `errorClass`) once the deadline passes.
    public func poll<T>(
        every interval: Duration = .milliseconds(25),
        _ what: @autoclosure () -> String,
        failingAs errorClass: ErrorClass = .timeout,
        _ check: () async throws -> T?
    ) async throws -> T {
        while true {
            if let value = try await check() { return value }
            guard ContinuousClock.now + interval < end else {
                throw ProbeFailure.fail(errorClass, "\(what()) not visible after \(timeoutText)")
            }
            try await Task.sleep(for: interval)
        }
    }
}
