import FakeProviders
import FakeSupport
import FakeTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// A fake HubSpot with fast settings, served in process through its ``ProviderApplication``.
struct HubSpotHarness {
    let provider: FakeHubSpot
    let application: ProviderApplication

    init(
        configure: (inout HubSpotConfiguration) -> Void = { _ in }, faults: ProviderFaultPlan = .none,
        transport: any WebhookTransport = HTTPClientWebhookTransport()
    ) {
        var configuration = HubSpotConfiguration()
        configuration.webhookRetry = WebhookRetryPolicy(
            maxAttempts: 4, initialDelay: .milliseconds(20), factor: 2, maxDelay: .milliseconds(100))
        configuration.searchIndexDelay = .zero
        configure(&configuration)
        provider = FakeHubSpot(configuration: configuration, logger: quietLogger, transport: transport)
        application = ProviderApplication(
            provider: provider, configuration: .init(faults: faults), logger: quietLogger)
    }

    /// Runs `body` against the router in process.
    func test<T: Sendable>(_ body: @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
        try await application.makeApplication().test(.router, body)
    }
}

/// One answer: status, headers and body as JSON.
struct JSONAnswer: Sendable {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let text: String

    var json: JSONValue { (try? JSONValue.parse(text)) ?? .null }
    subscript(key: String) -> JSONValue? { json[key] }
    func header(_ name: String) -> String? { headers.first { $0.name.canonicalName == name.lowercased() }?.value }
}

extension TestClientProtocol {
    /// Sends a request with an optional bearer token and JSON (or raw) body.
    func call(
        _ method: HTTPRequest.Method, _ uri: String, token: String? = nil, json: JSONValue? = nil, raw: String? = nil,
        contentType: String = "application/json"
    ) async throws -> JSONAnswer {
        var headers: HTTPFields = [:]
        if let token { headers[.authorization] = "Bearer \(token)" }
        var body: ByteBuffer?
        if let json { body = ByteBuffer(bytes: json.jsonBytes) }
        if let raw { body = ByteBuffer(string: raw) }
        if body != nil { headers[.contentType] = contentType }
        return try await execute(uri: uri, method: method, headers: headers, body: body) { response in
            JSONAnswer(status: response.status, headers: response.headers, text: String(buffer: response.body))
        }
    }

    /// Authorizes with `scope` in `hubID` and exchanges the code; answers the token response.
    func hubspotTokens(
        scope: String = "oauth crm.objects.contacts.read crm.objects.contacts.write", hubID: Int? = nil,
        configuration: HubSpotConfiguration = .init()
    ) async throws -> JSONValue {
        let redirect = "http://127.0.0.1:9/callback"
        var query = "client_id=\(configuration.clientID)&redirect_uri=\(FormURLEncoded.encode(redirect))"
        query += "&scope=\(FormURLEncoded.encode(scope))&state=s1"
        if let hubID { query += "&hub_id=\(hubID)" }
        let authorize = try await call(.get, "/oauth/authorize?\(query)")
        #expect(authorize.status == .found)
        let location = try #require(authorize.header("Location"))
        let code = try #require(URLComponents(string: location)?.queryItems?.first { $0.name == "code" }?.value)
        let form =
            "grant_type=authorization_code&code=\(code)&redirect_uri=\(FormURLEncoded.encode(redirect))"
            + "&client_id=\(configuration.clientID)&client_secret=\(configuration.clientSecret)"
        let token = try await call(.post, "/oauth/v1/token", raw: form, contentType: "application/x-www-form-urlencoded")
        #expect(token.status == .ok)
        return token.json
    }

    /// An access token for the default portal with contacts read and write.
    func hubspotToken(scope: String = "oauth crm.objects.contacts.read crm.objects.contacts.write", hubID: Int? = nil)
        async throws -> String
    {
        try #require(try await hubspotTokens(scope: scope, hubID: hubID)["access_token"]?.string)
    }
}

/// A webhook transport that records every post and fails the first `failures` to each URL with 500.
final class RecordingTransport: WebhookTransport, @unchecked Sendable {
    struct Post: Sendable {
        let url: String
        let body: [UInt8]
        let headers: [(String, String)]
        func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name.lowercased() }?.1 }
        var events: [JSONValue] { (try? JSONValue.parse(body))?.array ?? [] }
    }

    private let lock = NSLock()
    private var storage: [Post] = []
    private let failures: Int

    init(failures: Int = 0) {
        self.failures = failures
    }

    var posts: [Post] { lock.withLock { storage } }

    func send(url: String, body: [UInt8], headers: [(String, String)], timeout: Duration) async throws -> Int {
        lock.withLock {
            storage.append(Post(url: url, body: body, headers: headers))
            return storage.filter { $0.url == url }.count <= failures ? 500 : 204
        }
    }
}
