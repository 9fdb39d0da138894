/// Hides credentials in what the request journal keeps: headers, query strings and token paths.
enum SecretRedaction {
    /// What a hidden value is replaced with.
    static let mask = "<redacted>"

    private static let headerNames: Set<String> = [
        "authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key",
    ]
    private static let nameParts = ["signature", "token", "secret", "password", "apikey", "api-key", "api_key"]
    private static let queryNames: Set<String> = [
        "code", "hapikey", "key", "client_secret", "access_token", "refresh_token", "token", "password", "apikey",
        "api_key", "signature", "sig",
    ]

    /// Whether a header's value is a credential.
    static func isSecretHeader(_ name: String) -> Bool {
        let name = name.lowercased()
        return headerNames.contains(name) || nameParts.contains { name.contains($0) }
    }

    /// The path and query with credential values masked, e.g. `/oauth/v1/access-tokens/<redacted>`.
    static func redact(pathAndQuery: String) -> String {
        let parts = pathAndQuery.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        var path = redact(path: String(parts[0]))
        if parts.count > 1 {
            let pairs = parts[1].split(separator: "&", omittingEmptySubsequences: false).map { pair -> String in
                let nameValue = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let name = String(nameValue[0]).lowercased()
                guard nameValue.count == 2, queryNames.contains(name) || nameParts.contains(where: { name.contains($0) })
                else { return String(pair) }
                return "\(nameValue[0])=\(mask)"
            }
            path += "?" + pairs.joined(separator: "&")
        }
        return path
    }

    /// A path whose segment after `…tokens` (as in `/oauth/v1/access-tokens/{token}`) is masked.
    static func redact(path: String) -> String {
        var segments = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        var index = 1
        while index < segments.count {
            if segments[index - 1].lowercased().hasSuffix("tokens"), !segments[index].isEmpty {
                segments[index] = mask
            }
            index += 1
        }
        return segments.joined(separator: "/")
    }
}
