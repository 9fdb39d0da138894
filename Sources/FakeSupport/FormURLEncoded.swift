/// Decodes `application/x-www-form-urlencoded` text: `a=1&b=two+words` → `["a": "1", "b": "two words"]`.
public enum FormURLEncoded {
    /// The pairs in order; `+` is a space and `%XX` a byte; a malformed escape is kept as written.
    public static func pairs(_ text: String) -> [(name: String, value: String)] {
        text.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    /// The first value of each name.
    public static func fields(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for (name, value) in pairs(text) where fields[name] == nil { fields[name] = value }
        return fields
    }

    /// One component decoded.
    public static func decode(_ component: some StringProtocol) -> String {
        var bytes: [UInt8] = []
        var iterator = Array(component.utf8)[...]
        while let byte = iterator.popFirst() {
            switch byte {
            case UInt8(ascii: "+"): bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                if iterator.count >= 2, let value = UInt8(String(decoding: iterator.prefix(2), as: UTF8.self), radix: 16) {
                    bytes.append(value)
                    iterator = iterator.dropFirst(2)
                } else {
                    bytes.append(byte)
                }
            default: bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// One query or path component: RFC 3986 unreserved ASCII kept, every other byte of the UTF-8 `%XX`, so
    /// `é` is `%C3%A9`. The one percent-encoder of the fakes and the fake deployment.
    public static func encode(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                result.append(Character(Unicode.Scalar(byte)))
            default:
                result += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return result
    }
}
