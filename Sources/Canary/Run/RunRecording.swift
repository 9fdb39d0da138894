/// What a run does with each event of its schedule: the watcher sees it, the writer commits it.
///
/// `package` so the memory benchmark can drive a run's recording with synthetic results at full speed.
package struct RunRecording: Sendable {
    private var watcher: LiveWatcher
    private var writer: ResultWriter

    init(watcher: LiveWatcher, writer: ResultWriter) {
        self.watcher = watcher
        self.writer = writer
    }

    /// A recording of a new run `runID` of `plan`, watched as `settings` say.
    package init(runID: String, plan: Plan, settings: RunSettings, store: any RunStore, control: RunControl) {
        self.init(
            watcher: LiveWatcher(plan: plan, settings: settings, control: control, runID: runID),
            writer: ResultWriter(runID: runID, store: store, logger: settings.logger))
    }

    /// Takes one event.
    package mutating func handle(_ event: RunEvent) async {
        switch event {
        case .result(let result):
            watcher.observe(result)
            await writer.add(result)
        case .tick(let now):
            watcher.tick(at: now)
            await writer.tick(at: now)
        case .prometheus(let readings):
            watcher.observe(readings)
            writer.add(readings)
        }
    }

    /// Commits what is left.
    /// - Throws: ``CanaryError/resultsLost(_:of:database:_:)`` when results cannot be saved.
    package mutating func finish() async throws {
        try await writer.finish()
    }
}
