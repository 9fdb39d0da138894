/// The opaque `page_token` of a list answer: where the next page starts.
struct ZohoPageToken: Sendable, Equatable {
    let offset: Int

    init(offset: Int) { self.offset = offset }

    /// Reads a token written by ``text``; nil when it was not.
    init?(text: String) {
        guard text.hasPrefix("zpt"), text.count == 19, let value = UInt64(text.dropFirst(3), radix: 16) else {
            return nil
        }
        let offset = Int(truncatingIfNeeded: value ^ 0x5A5A_5A5A_5A5A_5A5A)
        guard offset >= 0, offset < 10_000_000 else { return nil }
        self.offset = offset
    }

    /// The token as the answer's `next_page_token`.
    var text: String {
        let hex = String(UInt64(offset) ^ 0x5A5A_5A5A_5A5A_5A5A, radix: 16)
        return "zpt" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}
