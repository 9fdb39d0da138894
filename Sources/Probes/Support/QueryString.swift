/// Builds query strings whose values are percent-encoded (so `+` in an email stays a plus).
public enum QueryString {
    /// `path?name=value&…`, or `path&…` when `path` already has a query.
    public static func append(_ items: [(String, String)], to path: String) -> String {
        guard !items.isEmpty else { return path }
        let query = items.map { "\(encode($0.0))=\(encode($0.1))" }.joined(separator: "&")
        return path + (path.contains("?") ? "&" : "?") + query
    }

    /// Percent-encodes everything but RFC 3986 unreserved characters.
    public static func encode(_ value: String) -> String {
        var result = ""
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                result += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return result
    }
}
