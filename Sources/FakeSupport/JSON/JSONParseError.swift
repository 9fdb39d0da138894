/// A request body that is not valid JSON: where it went wrong, as a person reads it.
public struct JSONParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// 1-based line of the problem.
    public let line: Int
    /// 1-based column of the problem.
    public let column: Int
    /// What is wrong, e.g. `unexpected character 'x'`.
    public let reason: String

    /// Creates a parse error at a position.
    public init(line: Int, column: Int, reason: String) {
        self.line = line
        self.column = column
        self.reason = reason
    }

    /// `line L, column C: reason`.
    public var description: String { "line \(line), column \(column): \(reason)" }
}
