/// Holds a credential; prints as `<redacted>` everywhere. Deliberately not `Encodable`.
public struct Secret<Value: Sendable>: Sendable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    private let value: Value

    /// Wraps a credential.
    public init(_ value: Value) { self.value = value }

    /// Only where the value leaves the process: a header or an HMAC key.
    public func unredacted() -> Value { value }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
    public var customMirror: Mirror { Mirror(self, children: [:]) }
}
