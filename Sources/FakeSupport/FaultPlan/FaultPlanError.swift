/// A fault plan that could not be loaded: where, what is wrong, and how to fix it.
public struct FaultPlanError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file's name as given to the loader.
    public let fileName: String
    /// 1-based line of the problem, when known.
    public let line: Int?
    /// 1-based column of the problem, when known.
    public let column: Int?
    /// What is wrong, as a sentence fragment without a trailing period.
    public let message: String
    /// What to do about it.
    public let hint: String?

    /// Creates a loading error.
    public init(fileName: String, line: Int? = nil, column: Int? = nil, message: String, hint: String? = nil) {
        self.fileName = fileName
        self.line = line
        self.column = column
        self.message = message
        self.hint = hint
    }

    /// `file:line:column: message; hint`, the form editors and CI logs link to.
    public var description: String {
        var location = fileName
        if let line { location += ":\(line)" }
        if let line, line > 0, let column { location += ":\(column)" }
        return "\(location): \(message)" + (hint.map { "; \($0)" } ?? "")
    }
}
