import Canary
import UnixSignals

/// Runs `body`; SIGINT or SIGTERM meanwhile stops the run cleanly (recorded as interrupted, never `go`).
func withSignalsStopping<T: Sendable>(
    _ control: RunControl, _ body: @escaping @Sendable () async throws -> T
) async throws -> T {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask {
            for await signal in await UnixSignalsSequence(trapping: .sigint, .sigterm) {
                Terminal.error("received \(signal): stopping the run and keeping what was gathered")
                control.stop(.interrupted)
            }
            return nil
        }
        group.addTask { try await body() }
        while let value = try await group.next() {
            if let value {
                group.cancelAll()
                return value
            }
        }
        throw CancellationError()
    }
}
