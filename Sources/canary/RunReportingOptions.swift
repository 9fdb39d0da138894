import ArgumentParser

/// `canary run` options about comparison, rollback and progress.
struct RunReportingOptions: ParsableArguments {
    @Option(help: "Compare latencies with a baseline run: `last-go` (the newest go run) or a run id.")
    var baseline: String?

    @Flag(help: "On rollback, execute the plan's rollback steps (otherwise they are only printed).")
    var executeRollback = false

    @Option(help: "Serve the harness's own metrics in Prometheus text at http://HOST:PORT/metrics while the run goes (0: a free port).")
    var metricsPort: Int?

    @Option(help: "Address the metrics endpoint listens on (with --metrics-port).")
    var metricsHost = "127.0.0.1"

    @Option(help: "Progress display: auto (live on a terminal, plain lines otherwise), live or plain.")
    var progress: ProgressMode = .auto

    /// How `canary run` shows progress.
    enum ProgressMode: String, ExpressibleByArgument, CaseIterable {
        case auto, live, plain
    }

    /// The progress view these options ask for.
    func makeProgress() -> LiveProgress {
        switch progress {
        case .auto: LiveProgress()
        case .live: LiveProgress(mode: .live)
        case .plain: LiveProgress(mode: .plain)
        }
    }
}
