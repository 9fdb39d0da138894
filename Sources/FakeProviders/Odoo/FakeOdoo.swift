import FakeSupport
import Hummingbird
import Logging

/// A fake Odoo answering at the root of its own port: `/jsonrpc`, `/xmlrpc/2/…`, the legacy `/xmlrpc/…`,
/// the web client's session routes, and Odoo 19's JSON-2 API (`/json/2/<model>/<method>`, `/doc-bearer/…`).
///
/// odoorpc and odoo-client-lib take only a host and a port, so the fake owns the whole path space. Each
/// configured database holds its own records; state is kept in an actor and ``reset()`` reseeds it.
///
/// ```swift
/// let odoo = FakeOdoo(logger: logger)
/// odoo.registerRoutes(on: router)
/// print(odoo.serveLine(baseURL: "http://127.0.0.1:8069"))
/// ```
public struct FakeOdoo: FakeProvider {
    /// Always `.odoo`.
    public let provider: CRMProvider = .odoo
    /// The databases, users and version in force.
    public let configuration: OdooConfiguration
    let state: OdooState
    let services: OdooServices
    let logger: Logger

    /// A fake Odoo with freshly seeded databases.
    public init(configuration: OdooConfiguration = OdooConfiguration(), logger: Logger) {
        self.configuration = configuration
        self.state = OdooState(configuration: configuration)
        self.services = OdooServices(state: state, configuration: configuration)
        self.logger = logger
    }

    /// Registers the RPC, web and JSON-2 routes at the root of the router.
    public func registerRoutes(on router: Router<ProviderRequestContext>) {
        router.post("/jsonrpc") { request, _ in await self.jsonRPC(request) }
        router.post("/xmlrpc/2/:service") { request, context in
            await self.xmlRPC(request, service: context.parameters.get("service") ?? "", legacy: false)
        }
        router.post("/xmlrpc/:service") { request, context in
            await self.xmlRPC(request, service: context.parameters.get("service") ?? "", legacy: true)
        }
        router.on("/web/webclient/version_info", method: .post) { request, _ in await self.versionInfo(request) }
        router.on("/web/webclient/version_info", method: .get) { request, _ in await self.versionInfo(request) }
        router.post("/web/session/authenticate") { request, _ in await self.sessionAuthenticate(request) }
        router.post("/web/session/get_session_info") { request, _ in await self.sessionInfo(request) }
        router.post("/web/session/destroy") { request, _ in await self.sessionDestroy(request) }
        router.post("/web/dataset/call_kw") { request, _ in await self.callKW(request) }
        router.post("/web/dataset/call_kw/**") { request, _ in await self.callKW(request) }
        router.post("/json/2/:model/:method") { request, context in
            await self.json2(
                request, model: context.parameters.get("model") ?? "", method: context.parameters.get("method") ?? "")
        }
        for method in [HTTPRequest.Method.get, .post, .put, .delete, .patch] {
            router.on("/json/2", method: method) { request, _ in self.json2Elsewhere(request) }
            router.on("/json/2/:model", method: method) { request, _ in self.json2Elsewhere(request) }
            if method != .post {
                router.on("/json/2/:model/:method", method: method) { request, _ in self.json2Elsewhere(request) }
            }
        }
        router.get("/doc-bearer/:file") { request, context in
            await self.docBearer(request, file: context.parameters.get("file") ?? "")
        }
        router.post("/web/**") { request, _ in
            await self.webCall(request) { _, _ throws(OdooFault) in throw OdooFault.notFound(request.uri.path) }
        }
    }

    /// Records per model (`res.partner`, `crm.lead`, …); other databases' as `db/model`.
    public func records() async -> [String: [JSONValue]] { await state.snapshot() }

    /// Reseeds every database and closes every session.
    public func reset() async { await state.reset() }

    /// The first database and user, as `fakecrm serve` prints them.
    public var credentials: [(key: String, value: String)] {
        let user = configuration.users.first ?? OdooUser()
        return [
            ("database", configuration.databases.first ?? "canary"), ("login", user.login),
            ("password", user.password), ("api_key", user.apiKey),
        ]
    }

    /// `odoo http://127.0.0.1:PORT database=… login=… password=… api_key=…`.
    public func serveLine(baseURL: String) -> String {
        (["odoo", baseURL] + credentials.map { "\($0.key)=\($0.value)" }).joined(separator: " ")
    }

    /// The line for the default configuration.
    public static func serveLine(baseURL: String) -> String {
        FakeOdoo(logger: Logger(label: "fakecrm.odoo", factory: { _ in SwiftLogNoOpLogHandler() }))
            .serveLine(baseURL: baseURL)
    }

    /// An injected fault: an XML-RPC fault on `/xmlrpc`, a JSON-2 error body on `/json/2` and `/doc-bearer`,
    /// a JSON-RPC error envelope elsewhere.
    public func faultResponse(status: HTTPResponse.Status, for request: Request) -> Response {
        let fault = OdooFault(
            kind: .application, name: "werkzeug.exceptions.HTTPException", message: "\(status.code) \(status.reasonPhrase)")
        let path = request.uri.path
        if path.hasPrefix("/json/2") || path.hasPrefix("/doc-bearer/") {
            let http = OdooFault(kind: .http(Int(status.code)), name: fault.name, message: fault.message)
            return Self.json2Response(http.json2Body, status: status)
        }
        if path.hasPrefix("/xmlrpc") {
            return Self.xml(XMLRPCResponse.fault(code: 1, string: fault.traceback), status: status)
        }
        return Self.json(["jsonrpc": "2.0", "id": .null, "error": fault.jsonRPCError], status: status)
    }

    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = "application/json"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: value.jsonBytes)))
    }

    static func xml(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "text/xml; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
