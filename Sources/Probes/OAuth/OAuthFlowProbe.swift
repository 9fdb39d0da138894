import Foundation

/// `oauth.flow`: start → provider authorize URL → callback → connected, as a user connecting a CRM would.
///
/// Accepts the start answered as a 302 or as `{"auth_url": …}`. In `shallow` mode it stops after checking the
/// authorize URL. A callback that accepts a forged state, or a connect that does not connect, proves the release broken.
public struct OAuthFlowProbe: Probe {
    public let id = "oauth.flow"
    public let provider: String?

    /// A probe for `hubspot` or `zoho`.
    public init(provider: String) { self.provider = provider }

    public func run(in context: ProbeContext) async throws -> ProbeOutcome {
        let provider = self.provider ?? ""
        return try await probeAttempt {
            let authorize = try await authorizeURL(context)
            if let problem = authorize.problem(for: provider, target: context.target) { return .fail(.check, problem) }
            let consent = try await context.send(.GET, url: authorize.text, followRedirects: false)
            if context.target.oauthMode == .shallow {
                guard consent.status < 400 else {
                    return .fail(.httpStatus, "the \(provider) authorize URL answered \(consent.status)")
                }
                return .pass("shallow: \(provider) authorize URL names the client, callback, scopes and state")
            }
            guard (300..<400).contains(consent.status), let location = consent.headers.first(name: "Location"),
                let callback = URL(string: location, relativeTo: URL(string: authorize.text))?.absoluteString
            else {
                return .fail(
                    .check,
                    "the \(provider) authorize URL answered \(consent.status), not a redirect to the callback (oauth_mode: shallow suits a real provider)")
            }
            guard AuthorizeURL(callback)?.parameters["state"] == authorize.parameters["state"] else {
                return .fail(.check, "the \(provider) consent redirect does not carry the state sent")
            }
            if let forged = URLQueryEdit.appending("x", toParameter: "state", in: callback) {
                if try await context.send(.GET, url: forged, followRedirects: false).isSuccess {
                    return .brokenRelease("the \(provider) callback accepted a forged state")
                }
            }
            let answer = try await context.send(.GET, url: callback, followRedirects: false)
            guard answer.isSuccess else {
                let word = answer.errorWord.map { " (\($0))" } ?? ""
                return .brokenRelease("OAuth connect for \(provider) is broken: the callback answered \(answer.status)\(word)")
            }
            guard answer.jsonObject?["connected"] as? Bool == true else {
                return .brokenRelease("OAuth connect for \(provider) is broken: the callback did not report connected")
            }
            return try await CRMConnection.check(provider, context, after: "the callback")
        }
    }

    /// The authorize URL from the start endpoint's redirect or JSON answer.
    private func authorizeURL(_ context: ProbeContext) async throws -> AuthorizeURL {
        let provider = self.provider ?? ""
        let path = context.workspacePath(context.target.paths.oauthStart, ["provider": provider])
        let start = try await context.send(.GET, path, followRedirects: false)
        let text: String?
        switch start.status {
        case 300..<400: text = start.headers.first(name: "Location")
        case 200..<300: text = start.jsonObject?["auth_url"] as? String
        default: throw ProbeFailure.fail(.httpStatus, "starting the \(provider) connect answered \(start.status)")
        }
        guard let text, let url = AuthorizeURL(text) else {
            throw ProbeFailure.fail(.badBody, "starting the \(provider) connect gave no absolute authorize URL")
        }
        return url
    }
}
