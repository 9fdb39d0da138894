/// A fake deployment that could not be started.
public struct FakeDeploymentError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, as a sentence.
    public let message: String
    /// What to try next.
    public let hint: String?

    /// The message and, on its own line, the hint.
    public var description: String { hint.map { "\(message)\n  hint: \($0)" } ?? message }

    package init(message: String, hint: String?) {
        self.message = message
        self.hint = hint
    }

    static func notStarted(host: String, port: Int) -> Self {
        .init(
            message: "The fake deployment stopped before it listened on \(host):\(port).",
            hint: "Pick another port, or use port 0 for a free one.")
    }
}
