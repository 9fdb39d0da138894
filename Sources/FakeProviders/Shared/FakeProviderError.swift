import FakeSupport

/// A fake provider that could not be started.
public struct FakeProviderError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, as a sentence.
    public let message: String

    /// The provider could not listen on the address.
    static func notStarted(_ provider: CRMProvider, host: String, port: Int) -> Self {
        FakeProviderError(
            message: "The fake \(provider) did not start on \(host):\(port); check that the port is free, or use 0.")
    }

    /// The message.
    public var description: String { message }
}
