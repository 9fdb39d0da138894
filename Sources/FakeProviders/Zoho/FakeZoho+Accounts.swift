import FakeSupport
import Foundation
import Hummingbird

extension FakeZoho {
    /// `/oauth/v2/auth`, `/oauth/v2/token` and `/oauth/v2/token/revoke`.
    func registerAccountsRoutes(on router: Router<ProviderRequestContext>) {
        router.get("/oauth/v2/auth") { request, _ in await self.authorize(request) }
        router.post("/oauth/v2/token") { request, _ in try await self.token(request) }
        router.post("/oauth/v2/token/revoke") { request, _ in try await self.revoke(request) }
    }

    /// Consents at once and redirects with `code`, `state`, `location` and `accounts-server`.
    func authorize(_ request: Request) async -> Response {
        let query = ZohoFormFields(request.uri.query)
        let base = Self.baseURL(of: request)
        guard query["response_type"] == "code", let clientID = query["client_id"] else {
            return Self.page(status: .badRequest, "Invalid request: response_type=code and client_id are required.")
        }
        let redirect = query["redirect_uri"]
        guard let redirect, redirect.hasPrefix("http") else {
            return Self.page(status: .badRequest, "Invalid redirect URI.")
        }
        var parameters: [(String, String)] = []
        if let state = query["state"] { parameters.append(("state", state)) }
        if configuration.consent {
            let scopes = (query["scope"] ?? "").split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
            guard let code = await state.authorize(clientID: clientID, scopes: scopes, redirectURI: redirect) else {
                return Self.page(status: .badRequest, "Invalid Client: the client_id is not registered.")
            }
            parameters += [("code", code), ("location", "us"), ("accounts-server", base)]
        } else {
            parameters.append(("error", "access_denied"))
        }
        let suffix = parameters.map { "\($0.0)=\(FormURLEncoded.encode($0.1))" }.joined(separator: "&")
        let separator = redirect.contains("?") ? "&" : "?"
        return Response(status: .found, headers: [.location: redirect + separator + suffix])
    }

    /// Exchanges a code or a refresh token; parameters come from the body or the query, errors as HTTP 200.
    func token(_ request: Request) async throws -> Response {
        let body = try await request.body.collect(upTo: 1 << 20)
        let fields = ZohoFormFields(String(buffer: body)).merging(ZohoFormFields(request.uri.query))
        let base = Self.baseURL(of: request)
        let outcome: ZohoState.TokenOutcome
        switch fields["grant_type"] {
        case "authorization_code":
            outcome = await state.exchange(
                code: fields["code"] ?? "", clientID: fields["client_id"], secret: fields["client_secret"],
                redirectURI: fields["redirect_uri"], apiDomain: base)
        case "refresh_token":
            outcome = await state.refresh(
                token: fields["refresh_token"] ?? "", clientID: fields["client_id"],
                secret: fields["client_secret"], apiDomain: base)
        case nil:
            outcome = .failed("invalid_request")
        default:
            outcome = .failed("unsupported_grant_type")
        }
        switch outcome {
        case .granted(let body):
            return zohoJSON(body)
        case .failed(let error, let description):
            var body: [String: JSONValue] = ["error": .string(error)]
            if let description { body["error_description"] = .string(description) }
            return zohoJSON(.object(body))
        }
    }

    /// Revokes a refresh or access token given as `token`.
    func revoke(_ request: Request) async throws -> Response {
        let body = try await request.body.collect(upTo: 1 << 20)
        let fields = ZohoFormFields(request.uri.query).merging(ZohoFormFields(String(buffer: body)))
        guard let token = fields["token"], await state.revoke(token: token) else {
            return zohoJSON(["error": "invalid_token"])
        }
        return zohoJSON(["status": "success"])
    }

    private static func page(status: HTTPResponse.Status, _ text: String) -> Response {
        Response(
            status: status, headers: [.contentType: "text/plain; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
