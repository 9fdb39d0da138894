/// Which requests a provider fault touches: `POST /crm/v3/objects/*`, `/oauth/**`, or `*` for all.
///
/// An optional method comes first (`*` or none for any). In the path `*` or `:name` or `{name}` stands for
/// one segment and `**` for any number of them, none included; the query string is ignored.
public struct RoutePattern: Sendable, Hashable, CustomStringConvertible {
    /// Every request.
    public static let any = RoutePattern(method: nil, segments: ["**"])

    /// The method required, or nil for any.
    public let method: String?
    let segments: [String]

    private init(method: String?, segments: [String]) {
        self.method = method
        self.segments = segments
    }

    /// Parses a pattern; nil when it is neither `*` nor a path starting with `/`, optionally after a method.
    public init?(_ text: String) {
        let parts = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        var method: String?
        var path: String
        switch parts.count {
        case 1: path = parts[0]
        case 2:
            method = parts[0] == "*" ? nil : parts[0].uppercased()
            guard method?.allSatisfy({ $0.isLetter }) ?? true else { return nil }
            path = parts[1]
        default: return nil
        }
        if path == "*" || path == "**" { path = "/**" }
        guard path.hasPrefix("/") else { return nil }
        self.init(method: method, segments: Self.split(path))
    }

    /// Whether a request with this method and path (query allowed) is touched.
    public func matches(method: String, path: String) -> Bool {
        if let required = self.method, required != method.uppercased() { return false }
        let bare = path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? path
        return Self.match(segments[...], Self.split(bare)[...])
    }

    /// Whether this pattern matches every request.
    public var matchesEverything: Bool { method == nil && segments == ["**"] }

    /// The pattern as written back, e.g. `POST /crm/v3/objects/*`.
    public var description: String {
        (method.map { $0 + " " } ?? "") + "/" + segments.joined(separator: "/")
    }

    private static func split(_ path: String) -> [String] {
        path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    }

    private static func match(_ pattern: ArraySlice<String>, _ path: ArraySlice<String>) -> Bool {
        guard let head = pattern.first else { return path.isEmpty }
        if head == "**" {
            let rest = pattern.dropFirst()
            if rest.isEmpty { return true }
            var tail = path
            while true {
                if match(rest, tail) { return true }
                guard !tail.isEmpty else { return false }
                tail = tail.dropFirst()
            }
        }
        guard let segment = path.first else { return false }
        let wildcard = head == "*" || head.hasPrefix(":") || (head.hasPrefix("{") && head.hasSuffix("}"))
        guard wildcard || head == segment else { return false }
        return match(pattern.dropFirst(), path.dropFirst())
    }
}
