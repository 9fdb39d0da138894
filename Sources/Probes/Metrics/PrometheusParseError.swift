/// A malformed exposition: the 1-based line and column of the problem and what was wrong.
public struct PrometheusParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 1-based line number of the offending line.
    public var line: Int
    /// 1-based column, counted in Unicode scalars, where the problem was found.
    public var column: Int
    /// What was wrong or expected, without the position.
    public var message: String

    /// Creates an error at `line` and `column`.
    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    /// `line 7, column 12: <message>`.
    public var description: String {
        "line \(line), column \(column): \(message)"
    }
}
