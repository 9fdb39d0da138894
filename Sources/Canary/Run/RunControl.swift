import Synchronization

/// Lets anyone stop a run early, once: a signal handler, or the run itself on a critical alert.
public final class RunControl: Sendable {
    private let requests: AsyncStream<RunEnd>
    private let continuation: AsyncStream<RunEnd>.Continuation
    private let reason = Mutex<RunEnd?>(nil)

    public init() {
        (requests, continuation) = AsyncStream.makeStream(of: RunEnd.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Asks the run to stop; the first reason given wins.
    public func stop(_ why: RunEnd) {
        let first = reason.withLock { current -> Bool in
            guard current == nil else { return false }
            current = why
            return true
        }
        if first { continuation.yield(why) }
    }

    /// Why the run was stopped, if it was.
    public var stopReason: RunEnd? { reason.withLock { $0 } }

    /// Returns when a stop is requested, or when the calling task is cancelled.
    func waitForStop() async {
        for await _ in requests { return }
    }
}
