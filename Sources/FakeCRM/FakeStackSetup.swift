import AsyncHTTPClient
import FakeBackend
import FakeProviders
import FakeSupport
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL

/// What a fresh fake stack needs before a canary starts: the workspace's CRMs connected through the
/// deployment's own OAuth routes, and read access to each CRM for probes that check effects there.
struct FakeStackSetup: Sendable {
    /// The workspace the stack connects.
    static let workspaceID = "ws_fake_stack"

    let providers: RunningFakeProviders
    let deployment: RunningFakeDeployment

    /// Connects HubSpot and Zoho the way a person would: start, consent, callback.
    func connectWorkspace() async throws {
        try await withClient { client in
            for provider in [CRMProvider.hubspot, .zoho] where providers[provider] != nil {
                let start = try await get(
                    client, deployment.baseURL + "/crm/\(provider)/start?workspace_id=\(Self.workspaceID)")
                let consentURL = try start.location ?? start.json["auth_url"]?.string ?? {
                    throw FakeDeploymentError(message: "OAuth start for \(provider) gave no consent URL.", hint: nil)
                }()
                let consent = try await get(client, consentURL)
                guard let location = consent.location else {
                    throw FakeDeploymentError(message: "The fake \(provider) consent page did not redirect.", hint: nil)
                }
                let connected = try await get(client, ownCallback(location, provider: provider))
                guard connected.status == 200 else {
                    throw FakeDeploymentError(
                        message: "The fake deployment could not connect \(provider): HTTP \(connected.status).",
                        hint: nil)
                }
            }
        }
    }

    /// The consent redirect as the deployment's own callback. A profile's `oauth_redirect_uri` sends it elsewhere,
    /// where it never reaches the deployment; its code and state go to the deployment's callback instead, as for
    /// a workspace connected before that release.
    private func ownCallback(_ location: String, provider: CRMProvider) -> String {
        guard !location.hasPrefix(deployment.baseURL + "/"),
            let query = URLComponents(string: location)?.percentEncodedQuery
        else { return location }
        return deployment.baseURL + "/crm/\(provider)/callback?" + query
    }

    /// Read access to every fake CRM under the environment names plans use; HubSpot's is the
    /// private-app token the fake was started with.
    func readAccess(hubSpotToken: String) async throws -> [String: String] {
        var environment: [String: String] = [:]
        let links = ProviderLinks.fakes(providers)
        if let app = links.hubspot {
            environment["HUBSPOT_API_URL"] = app.baseURL
            environment["HUBSPOT_ACCESS_TOKEN"] = hubSpotToken
        }
        try await withClient { client in
            if let app = links.zoho, let fake = providers[.zoho]?.fake as? FakeZoho,
                let zohoClient = fake.configuration.clients.first
            {
                let token = try await postForm(client, app.baseURL + app.tokenPath, [
                    ("grant_type", "refresh_token"), ("refresh_token", zohoClient.refreshToken),
                    ("client_id", app.clientID), ("client_secret", app.clientSecret),
                ])
                environment["ZOHO_API_URL"] = token.apiDomain ?? app.baseURL
                environment["ZOHO_ACCESS_TOKEN"] = token.accessToken
                // Zoho tokens live an hour: a run at speed 1 refreshes its read token with these.
                environment["ZOHO_TOKEN_URL"] = app.baseURL + app.tokenPath
                environment["ZOHO_CLIENT_ID"] = app.clientID
                environment["ZOHO_CLIENT_SECRET"] = app.clientSecret
                environment["ZOHO_REFRESH_TOKEN"] = zohoClient.refreshToken
            }
            if let odoo = links.odoo {
                environment["ODOO_BASE_URL"] = odoo.baseURL
                environment["ODOO_DB"] = odoo.database
                environment["ODOO_LOGIN"] = odoo.login
                environment["ODOO_API_KEY"] = odoo.apiKey
            }
        }
        return environment
    }

    private struct Answer {
        var status: Int
        var location: String?
        var json: JSONValue
    }

    private func get(_ client: HTTPClient, _ url: String) async throws -> Answer {
        try await send(client, HTTPClientRequest(url: url))
    }

    private func postForm(_ client: HTTPClient, _ url: String, _ fields: [(String, String)]) async throws
        -> OAuthTokenAnswer
    {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.body = .bytes(ByteBuffer(string: fields.map { "\($0.0)=\(FormURLEncoded.encode($0.1))" }.joined(separator: "&")))
        return try OAuthTokenAnswer(try await send(client, request).json, what: url)
    }

    private func send(_ client: HTTPClient, _ request: HTTPClientRequest) async throws -> Answer {
        let response = try await client.execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 20)
        return Answer(
            status: Int(response.status.code), location: response.headers.first(name: "Location"),
            json: (try? JSONValue.parse(body.readableBytesView)) ?? .null)
    }

    /// A client that does not follow redirects, so each OAuth hop can be read. It talks only to the fakes on
    /// loopback, so it accepts the certificate a TLS deployment was given by its test.
    private func withClient(_ body: (HTTPClient) async throws -> Void) async throws {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.certificateVerification = .none
        let client = HTTPClient(
            eventLoopGroupProvider: .singleton,
            configuration: .init(tlsConfiguration: tls, redirectConfiguration: .disallow))
        do {
            try await body(client)
            try await client.shutdown()
        } catch {
            try? await client.shutdown()
            throw error
        }
    }
}
