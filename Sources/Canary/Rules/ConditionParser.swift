/// Parses condition text such as `increase(crm_sync_errors_total[5m]) > 0`.
///
/// Functions: `increase`, `max_over_time`, `min_over_time`, `histogram_quantile(q, …)`,
/// `probe_failures`, `probe_success_ratio`, `probe_quantile(q, …)`; a bare selector means the
/// latest value. Ranges are durations (`5m`) or `run`. Thresholds may carry a unit
/// (`2s`, `800ms`, `99%`).
public struct ConditionParser {
    /// A syntax error at a character offset of the condition text.
    public struct SyntaxError: Error, Sendable, Equatable {
        /// Zero-based offset of the offending character.
        public var offset: Int
        /// What is wrong.
        public var message: String
        /// How to fix it.
        public var hint: String?
    }

    private let characters: [Character]
    private var position = 0
    private let source: String

    /// Function names with a leading quantile argument.
    static let quantileFunctions: Set<String> = ["histogram_quantile", "probe_quantile"]
    /// Function names taking one range selector.
    static let rangeFunctions: Set<String> = [
        "increase", "max_over_time", "min_over_time", "probe_failures", "probe_success_ratio",
        "latency_regressions",
    ]
    static var allFunctions: [String] { (quantileFunctions.union(rangeFunctions)).sorted() }

    /// Parses one condition.
    public static func parse(_ text: String) throws(SyntaxError) -> Condition {
        var parser = ConditionParser(text)
        return try parser.condition()
    }

    private init(_ text: String) {
        source = text
        characters = Array(text)
    }

    private mutating func condition() throws(SyntaxError) -> Condition {
        skipSpaces()
        let query = try self.query()
        skipSpaces()
        let comparison = try self.comparison()
        skipSpaces()
        let threshold = try number(allowUnits: true)
        skipSpaces()
        if position < characters.count {
            throw fail("unexpected \"\(String(characters[position...]))\" after the threshold")
        }
        return Condition(query: query, comparison: comparison, threshold: threshold, source: source)
    }

    private mutating func query() throws(SyntaxError) -> Query {
        let nameStart = position
        let name = try identifier()
        skipSpaces()
        guard peek == "(" else {
            if Self.quantileFunctions.contains(name) || Self.rangeFunctions.contains(name) {
                throw fail("\(name) needs parentheses", hint: "write \(name)(metric[5m])")
            }
            position = nameStart
            return .latest(try selector())
        }
        position += 1
        skipSpaces()
        let result: Query
        if Self.quantileFunctions.contains(name) {
            let quantile = try number(allowUnits: false)
            guard (0...1).contains(quantile) else {
                throw fail("quantile \(quantile) is outside 0…1", hint: "use 0.95 for p95")
            }
            skipSpaces()
            try expect(",")
            skipSpaces()
            let (selector, range) = try rangeSelector()
            result = name == "probe_quantile"
                ? .probeQuantile(quantile, selector, range) : .histogramQuantile(quantile, selector, range)
        } else if Self.rangeFunctions.contains(name) {
            let (selector, range) = try rangeSelector()
            switch name {
            case "increase": result = .increase(selector, range)
            case "max_over_time": result = .overTime(.max, selector, range)
            case "min_over_time": result = .overTime(.min, selector, range)
            case "probe_failures": result = .probeFailures(selector, range)
            case "latency_regressions": result = .latencyRegressions(selector, range)
            default: result = .probeSuccessRatio(selector, range)
            }
        } else {
            position = nameStart
            throw fail(
                "unknown function \"\(name)\"",
                hint: "use one of \(Self.allFunctions.joined(separator: ", "))")
        }
        skipSpaces()
        try expect(")")
        return result
    }

    private mutating func rangeSelector() throws(SyntaxError) -> (Selector, Range) {
        let selector = try self.selector()
        guard peek == "[" else {
            throw fail("expected a range such as [5m] after \"\(selector.name)\"", hint: "write \(selector.name)[5m] or \(selector.name)[run]")
        }
        position += 1
        let start = position
        while position < characters.count, characters[position] != "]" { position += 1 }
        let text = String(characters[start..<position])
        try expect("]")
        if text == "run" { return (selector, .run) }
        guard let duration = DurationText.parse(text), duration > .zero else {
            position = start
            throw fail("\"\(text)\" is not a range", hint: "use a duration such as 30s, 5m, 1h, or run")
        }
        return (selector, .last(duration))
    }

    private mutating func selector() throws(SyntaxError) -> Selector {
        let name = try identifier()
        var labels: [String: String] = [:]
        if peek == "{" {
            position += 1
            skipSpaces()
            while peek != "}" {
                let label = try identifier()
                skipSpaces()
                try expect("=")
                skipSpaces()
                try expect("\"")
                var value = ""
                while let character = peek, character != "\"" {
                    value.append(character)
                    position += 1
                }
                try expect("\"")
                labels[label] = value
                skipSpaces()
                if peek == "," { position += 1; skipSpaces() } else { break }
            }
            try expect("}")
        }
        return Selector(name: name, labels: labels)
    }

    private mutating func comparison() throws(SyntaxError) -> Comparison {
        for candidate in Comparison.allCases.sorted(by: { $0.rawValue.count > $1.rawValue.count }) {
            let symbol = Array(candidate.rawValue)
            if position + symbol.count <= characters.count,
                Array(characters[position..<position + symbol.count]) == symbol
            {
                position += symbol.count
                return candidate
            }
        }
        throw fail("expected a comparison", hint: "use one of < <= > >= == != followed by a number")
    }

    private mutating func number(allowUnits: Bool) throws(SyntaxError) -> Double {
        let start = position
        while let character = peek, character.isNumber || "+-.eE".contains(character) { position += 1 }
        let digits = String(characters[start..<position])
        let unitStart = position
        while let character = peek, character.isLetter || character == "%" { position += 1 }
        let unit = String(characters[unitStart..<position])
        guard let value = Double(digits) else {
            position = start
            throw fail("expected a number", hint: allowUnits ? "write a threshold such as 0, 2s, 800ms or 99%" : nil)
        }
        if unit.isEmpty { return value }
        guard allowUnits else { position = unitStart; throw fail("unexpected unit \"\(unit)\"") }
        if unit == "%" { return value / 100 }
        guard let duration = DurationText.parse(digits + unit) else {
            position = unitStart
            throw fail("unknown unit \"\(unit)\"", hint: "use ms, s, m, h or %")
        }
        return duration.seconds
    }

    private mutating func identifier() throws(SyntaxError) -> String {
        let start = position
        while let character = peek,
            character.isLetter || character.isNumber || "_:.*-".contains(character)
        {
            position += 1
        }
        guard position > start, let first = characters[start].unicodeScalars.first,
            !("0"..."9").contains(first)
        else {
            position = start
            throw fail("expected a metric name, probe id or function")
        }
        return String(characters[start..<position])
    }

    private mutating func expect(_ character: Character) throws(SyntaxError) {
        guard peek == character else {
            let found = peek.map { "\"\($0)\"" } ?? "the end"
            throw fail("expected \"\(character)\" but found \(found)")
        }
        position += 1
    }

    private var peek: Character? { position < characters.count ? characters[position] : nil }

    private mutating func skipSpaces() {
        while let character = peek, character == " " || character == "\t" { position += 1 }
    }

    private func fail(_ message: String, hint: String? = nil) -> SyntaxError {
        SyntaxError(offset: min(position, characters.count), message: message, hint: hint)
    }
}
