import Foundation

/// `application/x-www-form-urlencoded` pairs, as found in a query string or a body; `+` is a space.
struct ZohoFormFields: Sendable {
    private(set) var pairs: [(name: String, value: String)] = []

    /// Parses `a=1&b=x+y` into its pairs, decoding percent escapes.
    init(_ text: String?) {
        guard let text, !text.isEmpty else { return }
        for part in text.split(separator: "&", omittingEmptySubsequences: true) {
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(pieces[0])
            let value = pieces.count > 1 ? Self.decode(pieces[1]) : ""
            pairs.append((name, value))
        }
    }

    /// The first value for `name`, if any.
    subscript(name: String) -> String? { pairs.first { $0.name == name }?.value }

    /// Adds the pairs of `other` that this one lacks.
    func merging(_ other: ZohoFormFields) -> ZohoFormFields {
        var merged = self
        for pair in other.pairs where self[pair.name] == nil { merged.pairs.append(pair) }
        return merged
    }

    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
