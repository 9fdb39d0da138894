import FakeProviders
import FakeSupport
import FakeTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore

/// An application serving one provider at the root of its own router, as `fakecrm serve` does.
func providerApplication(_ register: (Router<ProviderRequestContext>) -> Void) -> some ApplicationProtocol {
    let router = Router(context: ProviderRequestContext.self)
    register(router)
    return Application(router: router, logger: quietLogger)
}

extension TestResponse {
    /// The body parsed as JSON; `.null` when it is empty or not JSON.
    var json: JSONValue { (try? JSONValue.parse(body.readableBytesView)) ?? .null }
    /// The body as text.
    var text: String { String(buffer: body) }
}

/// Refreshes the default client's token on the fake Zoho and returns the `Authorization` header value.
func zohoAuthorization(_ client: some TestClientProtocol, client credentials: ZohoClient = ZohoClient()) async throws
    -> String
{
    let form =
        "refresh_token=\(credentials.refreshToken)&client_id=\(credentials.clientID)"
        + "&client_secret=\(credentials.clientSecret)&grant_type=refresh_token"
    let answer = try await client.execute(
        uri: "/oauth/v2/token", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
        body: ByteBuffer(string: form))
    return "Zoho-oauthtoken " + (answer.json["access_token"]?.string ?? "missing")
}

/// One Zoho API call with a token and an optional JSON body.
func zohoCall(
    _ client: some TestClientProtocol, _ method: HTTPRequest.Method, _ uri: String, token: String, body: String? = nil
) async throws -> TestResponse {
    try await client.execute(
        uri: uri, method: method, headers: [.authorization: token], body: body.map { ByteBuffer(string: $0) })
}

/// One JSON-RPC call to the fake Odoo's `/jsonrpc`.
func odooJSONRPC(_ client: some TestClientProtocol, service: String, method: String, args: JSONValue) async throws
    -> JSONValue
{
    let body: JSONValue = [
        "jsonrpc": "2.0", "method": "call", "id": 7, "params": ["service": .string(service), "method": .string(method), "args": args],
    ]
    let answer = try await client.execute(uri: "/jsonrpc", method: .post, body: ByteBuffer(bytes: body.jsonBytes))
    return answer.json
}

/// `execute_kw` as the default administrator of database `canary`.
func odooExecute(
    _ client: some TestClientProtocol, _ model: String, _ method: String, _ args: JSONValue, _ kwargs: JSONValue = [:],
    secret: String = "admin", database: String = "canary"
) async throws -> JSONValue {
    try await odooJSONRPC(
        client, service: "object", method: "execute_kw",
        args: [.string(database), 2, .string(secret), .string(model), .string(method), args, kwargs])
}

/// One JSON-2 call, `POST /json/2/<model>/<method>`, with the default administrator's API key.
func odooJSON2(
    _ client: some TestClientProtocol, _ model: String, _ method: String, _ body: JSONValue = [:],
    key: String? = OdooUser().apiKey, database: String? = nil
) async throws -> TestResponse {
    var headers: HTTPFields = [.contentType: "application/json"]
    if let key { headers[.authorization] = "bearer \(key)" }
    if let database { headers[.init("X-Odoo-Database")!] = database }
    return try await client.execute(
        uri: "/json/2/\(model)/\(method)", method: .post, headers: headers, body: ByteBuffer(bytes: body.jsonBytes))
}
