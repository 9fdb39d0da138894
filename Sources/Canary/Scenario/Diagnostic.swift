/// One problem in a plan file, with where it is and how to fix it.
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
    /// File the problem is in, as the user named it.
    public var file: String
    /// 1-based line.
    public var line: Int
    /// 1-based column.
    public var column: Int
    /// What is wrong.
    public var message: String
    /// What to do about it.
    public var hint: String?

    public var description: String {
        let location = "\(file):\(line):\(column): \(message)"
        return hint.map { "\(location)\n  hint: \($0)" } ?? location
    }
}

/// A plan that cannot be used: every problem found, not just the first.
public struct PlanInvalid: Error, Sendable, CustomStringConvertible {
    /// All problems, in file order.
    public var diagnostics: [Diagnostic]

    public var description: String {
        let count = diagnostics.count == 1 ? "1 problem" : "\(diagnostics.count) problems"
        return "The plan has \(count):\n" + diagnostics.map(\.description).joined(separator: "\n")
    }
}
