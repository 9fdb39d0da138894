extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    /// A string value from a literal.
    public init(stringLiteral value: String) { self = .string(value) }
    /// A number value from an integer literal.
    public init(integerLiteral value: Int) { self = .int(value) }
    /// A number value from a floating-point literal.
    public init(floatLiteral value: Double) { self = .number(value) }
    /// A boolean value from a literal.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// An array value from a literal.
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    /// An object value from a literal; a repeated key keeps its last value.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
    /// `null` from a literal.
    public init(nilLiteral: ()) { self = .null }
}

extension JSONValue {
    /// A number value from an integer.
    public static func int(_ value: Int) -> JSONValue {
        abs(value) <= exactInDouble ? .number(Double(value)) : .integer(Int64(value))
    }

    /// The largest magnitude up to which every integer is exact in a `Double`: 2^53.
    static let exactInDouble = 1 << 53

    /// The number as a whole number, when it is one.
    public var int: Int? {
        if case .integer(let value) = self { return Int(value) }
        guard case .number(let value) = self, value == value.rounded(), abs(value) < 9e15 else { return nil }
        return Int(value)
    }

    /// The boolean, when this is one.
    public var bool: Bool? { if case .bool(let value) = self { value } else { nil } }
}
