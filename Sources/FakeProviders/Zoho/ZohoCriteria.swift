/// A parsed search `criteria`: `((Email:equals:a@b.com)and(Last_Name:starts_with:Do))`.
///
/// Conditions are `field:operator:value` in parentheses, joined with `and` / `or` (`and` binds tighter),
/// grouped with parentheses; `\(`, `\)`, `\,` and `\\` escape inside values, and `in` / `between` take
/// comma-separated values.
indirect enum ZohoCriteria: Sendable, Equatable {
    case condition(field: String, op: Operator, values: [String])
    case and([ZohoCriteria])
    case or([ZohoCriteria])

    /// The comparison operators Zoho's search accepts.
    enum Operator: String, Sendable, CaseIterable {
        case equals, notEqual = "not_equal", startsWith = "starts_with", `in`, notIn = "not_in"
        case greaterThan = "greater_than", greaterEqual = "greater_equal", lessThan = "less_than"
        case lessEqual = "less_equal", between
    }

    /// How many conditions the criteria holds (Zoho allows up to 10).
    var conditionCount: Int {
        switch self {
        case .condition: 1
        case .and(let parts), .or(let parts): parts.reduce(0) { $0 + $1.conditionCount }
        }
    }

    /// Parses criteria text, throwing a message a person can act on.
    static func parse(_ text: String) throws(ZohoCriteriaError) -> ZohoCriteria {
        var parser = ZohoCriteriaParser(text: Array(text))
        return try parser.parseAll()
    }
}

/// Criteria text that does not parse: what is wrong and at which character.
struct ZohoCriteriaError: Error, Sendable, Equatable, CustomStringConvertible {
    let reason: String
    let offset: Int
    var description: String { "\(reason) at character \(offset + 1)" }
}

/// A recursive-descent parser over the criteria's characters.
private struct ZohoCriteriaParser {
    let text: [Character]
    var index = 0
    var depth = 0

    mutating func parseAll() throws(ZohoCriteriaError) -> ZohoCriteria {
        skipSpaces()
        guard index < text.count else { throw fail("the criteria is empty") }
        let result = try parseExpression()
        skipSpaces()
        guard index == text.count else { throw fail("unexpected '\(text[index])'") }
        return result
    }

    /// expression := term ('or' term)* ; term := group ('and' group)*
    mutating func parseExpression() throws(ZohoCriteriaError) -> ZohoCriteria {
        var alternatives = [try parseTerm()]
        while consumeWord("or") { alternatives.append(try parseTerm()) }
        return alternatives.count == 1 ? alternatives[0] : .or(alternatives)
    }

    mutating func parseTerm() throws(ZohoCriteriaError) -> ZohoCriteria {
        var parts = [try parseGroup()]
        while consumeWord("and") { parts.append(try parseGroup()) }
        return parts.count == 1 ? parts[0] : .and(parts)
    }

    /// group := '(' (expression | condition) ')'
    mutating func parseGroup() throws(ZohoCriteriaError) -> ZohoCriteria {
        skipSpaces()
        guard index < text.count, text[index] == "(" else { throw fail("expected '('") }
        index += 1
        depth += 1
        guard depth <= 32 else { throw fail("parentheses nest too deeply") }
        skipSpaces()
        let inner: ZohoCriteria
        if index < text.count, text[index] == "(" {
            inner = try parseExpression()
        } else {
            inner = try parseCondition()
        }
        skipSpaces()
        guard index < text.count, text[index] == ")" else { throw fail("expected ')'") }
        index += 1
        depth -= 1
        return inner
    }

    /// condition := field ':' operator ':' value ; the value runs to the first unescaped ')'.
    mutating func parseCondition() throws(ZohoCriteriaError) -> ZohoCriteria {
        let fieldStart = index
        while index < text.count, text[index] != ":", text[index] != ")", text[index] != "(" { index += 1 }
        let field = String(text[fieldStart..<index]).trimmingSpaces
        guard !field.isEmpty else { throw fail("expected a field name") }
        guard index < text.count, text[index] == ":" else { throw fail("expected ':' after the field name") }
        index += 1
        let operatorStart = index
        while index < text.count, text[index] != ":", text[index] != ")" { index += 1 }
        let name = String(text[operatorStart..<index]).trimmingSpaces
        guard let op = ZohoCriteria.Operator(rawValue: name) else {
            index = operatorStart
            throw fail("invalid operator '\(name)'")
        }
        guard index < text.count, text[index] == ":" else { throw fail("expected ':' after the operator") }
        index += 1
        var values: [String] = []
        var current = ""
        var escaped = false
        while index < text.count {
            let character = text[index]
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ")" {
                break
            } else if character == "(" {
                throw fail("unescaped '(' in a value")
            } else if character == ",", op == .in || op == .notIn || op == .between {
                values.append(current)
                current = ""
            } else {
                current.append(character)
            }
            index += 1
        }
        guard !escaped else { throw fail("a backslash ends the value") }
        values.append(current)
        if op == .between, values.count != 2 { throw fail("between needs two values") }
        return .condition(field: field, op: op, values: values)
    }

    mutating func consumeWord(_ word: String) -> Bool {
        let saved = index
        skipSpaces()
        let letters = Array(word)
        guard index + letters.count <= text.count,
            text[index..<index + letters.count].map({ Character($0.lowercased()) }) == letters
        else {
            index = saved
            return false
        }
        index += letters.count
        return true
    }

    mutating func skipSpaces() {
        while index < text.count, text[index] == " " { index += 1 }
    }

    func fail(_ reason: String) -> ZohoCriteriaError {
        ZohoCriteriaError(reason: reason, offset: min(index, text.count))
    }
}

extension String {
    /// The text without leading and trailing spaces.
    fileprivate var trimmingSpaces: String {
        var slice = Substring(self)
        while slice.first == " " { slice.removeFirst() }
        while slice.last == " " { slice.removeLast() }
        return String(slice)
    }
}
