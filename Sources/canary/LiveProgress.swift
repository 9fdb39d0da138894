import Canary
import Foundation
import Synchronization

/// Shows a run's progress: on a terminal, one status line redrawn in place under the event lines; in a
/// log (not a terminal), a plain status line at a steady pace between the event lines.
final class LiveProgress: Sendable {
    /// How progress is shown.
    enum Mode: Sendable { case live, plain }

    let mode: Mode
    private struct State {
        var statusShown = false
        var lastPlain = -Double.infinity
        var last: RunStatus?
    }
    private let state = Mutex(State())

    /// Live on a terminal, plain otherwise.
    init(mode: Mode? = nil) {
        self.mode = mode ?? (isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["TERM"] != "dumb" ? .live : .plain)
    }

    /// An event line (phase start, alert, finding): always printed whole.
    func line(_ text: String) {
        state.withLock { state in
            guard mode == .live else { return Terminal.line(text) }
            var output = state.statusShown ? "\r\u{1B}[2K" : ""
            output += text + "\n"
            if let last = state.last { output += Self.fit(Self.statusText(last)) }
            state.statusShown = state.last != nil
            FileHandle.standardOutput.write(Data(output.utf8))
        }
    }

    /// A status snapshot: redrawn in place on a terminal; printed every so often in a log.
    func status(_ status: RunStatus) {
        state.withLock { state in
            state.last = status
            switch mode {
            case .live:
                FileHandle.standardOutput.write(Data(("\r\u{1B}[2K" + Self.fit(Self.statusText(status))).utf8))
                state.statusShown = true
            case .plain:
                let pace = min(max(status.planSeconds / status.speed / 12, 2), 30)
                guard status.elapsed - state.lastPlain >= pace else { return }
                state.lastPlain = status.elapsed
                Terminal.line("… " + Self.statusText(status))
            }
        }
    }

    /// Clears the status line before the closing lines.
    func finish() {
        state.withLock { state in
            if mode == .live, state.statusShown { FileHandle.standardOutput.write(Data("\r\u{1B}[2K".utf8)) }
            state.statusShown = false
            state.last = nil
        }
    }

    /// `t+23m10s/120m import · 0:23 elapsed, 1:37 left · 412 passed, 3 failed · p95 4.1 ms · alerts: none`.
    static func statusText(_ status: RunStatus) -> String {
        let plan = "\(ClockText.format(status.elapsed, speed: status.speed))/\(DurationText.format(.seconds(status.planSeconds)))"
        let alerts = status.firing.isEmpty ? "none" : status.firing.joined(separator: ", ")
        let unverified = status.unverified > 0 ? ", \(status.unverified) unverified" : ""
        return "\(plan) \(status.phase) · \(clock(status.elapsed)) elapsed, \(clock(status.remaining)) left · "
            + "\(status.passed) passed, \(status.failed) failed\(unverified) · p95 \(status.p95.map(latency) ?? "–") · alerts: \(alerts)"
    }

    static func clock(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded())
        return whole >= 3600
            ? String(format: "%d:%02d:%02d", whole / 3600, whole / 60 % 60, whole % 60)
            : String(format: "%d:%02d", whole / 60, whole % 60)
    }

    static func latency(_ seconds: Double) -> String {
        seconds < 1 ? String(format: "%.1f ms", seconds * 1000) : String(format: "%.2f s", seconds)
    }

    /// Cuts the status line to the terminal's width so redrawing it never wraps.
    static func fit(_ text: String) -> String {
        var size = winsize()
        let columns = ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 ? Int(size.ws_col) : 100
        return text.count < columns ? text : String(text.prefix(max(columns - 2, 10))) + "…"
    }
}
