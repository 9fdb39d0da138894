import FakeSupport
import Hummingbird

extension FakeZoho {
    /// Answers one `/crm/vN/…` call: route, token, scope, limits, then the operation; never throws.
    func serveAPI(_ request: Request) async -> Response {
        do {
            guard let route = ZohoRoute(path: request.uri.path) else { throw ZohoError.invalidURL }
            let method = request.method.rawValue
            guard route.methods.contains(method) else { throw ZohoError.invalidMethod }
            let (orgID, scopes) = try await authenticate(request)
            guard route.scope(method: method).isAllowed(by: scopes) else { throw ZohoError.scopeMismatch }
            try await state.begin(orgID: orgID)
            do {
                if configuration.recordLatency > .zero { try await Task.sleep(for: configuration.recordLatency) }
                let call = ZohoCall(request: request, orgID: orgID, base: Self.baseURL(of: request), path: request.uri.path)
                let response = try await handle(route, call)
                await state.end(orgID: orgID)
                return response
            } catch {
                await state.end(orgID: orgID)
                throw error
            }
        } catch let error as ZohoError {
            return zohoJSON(error.body, status: error.status)
        } catch {
            logger.error("A Zoho call failed.", metadata: ["crm.vendor": "zoho", "error.type": "\(type(of: error))"])
            return zohoJSON(ZohoError.internalError.body, status: .internalServerError)
        }
    }

    private func authenticate(_ request: Request) async throws(ZohoError) -> (String, [String]) {
        guard let header = request.headers[.authorization] else { throw .authenticationFailure }
        let prefix = "Zoho-oauthtoken "
        guard header.hasPrefix(prefix) else { throw .invalidToken }
        return try await state.authenticate(accessToken: String(header.dropFirst(prefix.count)))
    }

    private func handle(_ route: ZohoRoute, _ call: ZohoCall) async throws -> Response {
        let method = call.request.method
        switch route {
        case .currentUser: return await currentUser(call)
        case .org: return org(call)
        case .fields: return try fields(call)
        case .modules: return zohoJSON(["modules": .array(ZohoModule.all.map(\.moduleMetadata))])
        case .watch: return try await watch(call)
        case .upsert(let name): return try await upsert(call, module: try module(name))
        case .search(let name): return try await search(call, module: try module(name))
        case .records(let name):
            let module = try module(name)
            switch method {
            case .get: return try await list(call, module: module)
            case .post: return try await insert(call, module: module)
            case .put: return try await update(call, module: module, id: nil)
            default: return try await delete(call, module: module, id: nil)
            }
        case .record(let name, let id):
            let module = try module(name)
            switch method {
            case .get: return await get(call, module: module, id: id)
            case .put: return try await update(call, module: module, id: id)
            default: return try await delete(call, module: module, id: id)
            }
        }
    }

    private func module(_ name: String) throws(ZohoError) -> ZohoModule {
        guard let module = ZohoModule.named(name) else { throw ZohoError.invalidModule(name) }
        return module
    }
}

/// One authenticated CRM API call: the request and the org it acts on.
struct ZohoCall: Sendable {
    let request: Request
    let orgID: String
    /// The fake's base URL as the client addressed it.
    let base: String
    let path: String

    /// The query string's parameters (`+` is a space).
    var query: ZohoFormFields { ZohoFormFields(request.uri.query) }

    /// `http://host/crm/vN`, the prefix of `resource_uri`s.
    var resourceBase: String {
        let parts = path.split(separator: "/")
        return "\(base)/crm/\(parts.count > 1 ? String(parts[1]) : "v8")"
    }

    /// The body as JSON; Zoho parses it whatever the `Content-Type`.
    func json() async throws -> JSONValue {
        let buffer = try await request.body.collect(upTo: 16 << 20)
        do {
            return try JSONValue.parse(buffer.readableBytesView)
        } catch {
            throw ZohoError.invalidBody(error.description)
        }
    }
}
