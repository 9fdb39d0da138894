import Foundation

/// A provider authorize URL as the backend built it, with the parameters `oauth.flow` checks.
struct AuthorizeURL {
    /// The URL as given.
    var text: String
    /// Query parameters, decoded.
    var parameters: [String: String]

    /// Parses `text`; nil when it is not an absolute URL.
    init?(_ text: String) {
        guard let components = URLComponents(string: text), components.scheme != nil, components.host != nil else {
            return nil
        }
        self.text = text
        var parameters: [String: String] = [:]
        for item in components.queryItems ?? [] { parameters[item.name] = item.value ?? "" }
        self.parameters = parameters
    }

    /// Requested scopes; Zoho separates them with commas, others with spaces.
    var scopes: Set<String> {
        let separators = CharacterSet(charactersIn: " +,")
        return Set((parameters["scope"] ?? "").components(separatedBy: separators).filter { !$0.isEmpty })
    }

    /// The first problem with the URL for `provider`, or nil when it names the client, callback, scopes and state.
    func problem(for provider: String, target: ProbeTarget) -> String? {
        if (parameters["client_id"] ?? "").isEmpty { return "the \(provider) authorize URL has no client_id" }
        let expected = target.expectedRedirectURI(for: provider)
        if parameters["redirect_uri"] != expected {
            return "the \(provider) authorize URL redirects to \(parameters["redirect_uri"] ?? "nothing"), expected \(expected)"
        }
        let missing = (target.requiredScopes[provider] ?? []).filter { !scopes.contains($0) }
        if !missing.isEmpty { return "the \(provider) authorize URL does not request \(missing.joined(separator: ", "))" }
        if (parameters["state"] ?? "").isEmpty { return "the \(provider) authorize URL has no state" }
        return nil
    }
}

/// Rewrites one query parameter of a URL, keeping the rest as sent.
enum URLQueryEdit {
    /// `url` with parameter `name` set to its current (encoded) value plus `suffix`.
    static func appending(_ suffix: String, toParameter name: String, in url: String) -> String? {
        guard var components = URLComponents(string: url), var items = components.percentEncodedQueryItems,
            let index = items.firstIndex(where: { $0.name == name })
        else { return nil }
        items[index].value = (items[index].value ?? "") + QueryString.encode(suffix)
        components.percentEncodedQueryItems = items
        return components.string
    }
}
