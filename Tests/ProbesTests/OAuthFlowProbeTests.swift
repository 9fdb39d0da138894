import AsyncHTTPClient
import Foundation
import Logging
import Probes
import Testing

/// `oauth.flow` against a scripted backend and provider on one loopback port.
@Suite struct OAuthFlowProbeTests {
    /// A backend whose start redirects to its own fake authorize page, which consents at once.
    static func backend(acceptForgedState: Bool = false, connected: Bool = true) -> StubServer.Handler {
        { request in
            let path = request.uri.split(separator: "?").first.map(String.init) ?? ""
            let query = URLComponents(string: request.uri)?.queryItems ?? []
            let state = query.first { $0.name == "state" }?.value
            let host = request.headers.first(name: "Host") ?? ""
            switch path {
            case "/crm/hubspot/start":
                let callback = "http://\(host)/crm/hubspot/callback"
                let location = "http://\(host)/oauth/authorize?response_type=code&client_id=c1&redirect_uri="
                    + QueryString.encode(callback) + "&scope=oauth%20crm.objects.contacts.write&state=S1"
                return .init(status: .found, headers: [("Location", location)])
            case "/oauth/authorize":
                return .init(status: .found, headers: [("Location", "http://\(host)/crm/hubspot/callback?code=C1&state=\(state ?? "")")])
            case "/crm/hubspot/callback":
                guard state == "S1" || acceptForgedState else { return .init(status: .badRequest, body: #"{"error":"invalid_state"}"#) }
                return .init(body: #"{"connected":true,"provider":"hubspot","workspace_id":"w","scopes":["oauth"]}"#)
            case "/crm/health":
                return .init(body: #"{"provider":"hubspot","status":"healthy","connected":\#(connected)}"#)
            default:
                return .init(status: .notFound)
            }
        }
    }

    static func run(_ handler: @escaping StubServer.Handler, mode: ProbeTarget.OAuthMode = .full) async throws -> ProbeOutcome {
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        let http = HTTPClient(eventLoopGroup: .singletonMultiThreadedEventLoopGroup, configuration: configuration)
        let outcome = try await StubServer.with(handler) { base in
            let target = ProbeTarget(
                backendURL: base, workspaceID: "w", oauthMode: mode, requiredScopes: ["hubspot": ["oauth"]])
            let context = ProbeContext(http: http, target: target, timeout: .seconds(5), logger: Logger(label: "test"))
            return try await OAuthFlowProbe(provider: "hubspot").run(in: context)
        }
        try await http.shutdown()
        return outcome
    }

    @Test func connectsThroughTheRedirects() async throws {
        let outcome = try await Self.run(Self.backend())
        #expect(outcome.passed, "\(outcome.detail)")
    }

    @Test func aCallbackAcceptingAForgedStateBreaksTheRelease() async throws {
        let outcome = try await Self.run(Self.backend(acceptForgedState: true))
        #expect(outcome.finding == "the hubspot callback accepted a forged state")
    }

    @Test func notConnectedAfterTheCallbackBreaksTheRelease() async throws {
        let outcome = try await Self.run(Self.backend(connected: false))
        #expect(outcome.finding == "OAuth connect for hubspot is broken: not connected after the callback")
    }

    @Test func shallowModeStopsAtTheAuthorizeURL() async throws {
        let outcome = try await Self.run(Self.backend(connected: false), mode: .shallow)
        #expect(outcome.passed, "\(outcome.detail)")
        #expect(outcome.detail.hasPrefix("shallow"))
    }
}
