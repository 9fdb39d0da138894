import FakeSupport
import Hummingbird
import Logging

/// A fake Zoho CRM: the accounts server (`/oauth/v2/…`) and the CRM API (`/crm/v2…v8/…`) on one base URL.
///
/// Point `zohocrmsdk8-0` at it with a custom `DataCenter.Environment(base, base + "/oauth/v2/token", base)`;
/// the token answer's `api_domain` is the fake's own base URL, so the SDK stays on it. Each client's records
/// live in its own org; state is kept in an actor and ``reset()`` forgets it.
///
/// ```swift
/// let zoho = FakeZoho(logger: logger)
/// zoho.registerRoutes(on: router)
/// print(zoho.serveLine(baseURL: "http://127.0.0.1:8082"))
/// ```
public struct FakeZoho: FakeProvider {
    /// Always `.zoho`.
    public let provider: CRMProvider = .zoho
    /// The clients, limits and lifetimes in force.
    public let configuration: ZohoConfiguration
    let state: ZohoState
    let notifier: ZohoNotifier
    /// What `/search` sees of new records.
    public let searchIndex: SearchIndex?
    let logger: Logger

    /// A fake Zoho with its own empty state.
    public init(configuration: ZohoConfiguration = ZohoConfiguration(), logger: Logger) {
        self.configuration = configuration
        self.state = ZohoState(configuration: configuration)
        self.searchIndex = SearchIndex(delay: configuration.searchIndexDelay)
        self.notifier = ZohoNotifier(timeout: configuration.callbackTimeout, logger: logger)
        self.logger = logger
    }

    /// Registers the accounts and CRM routes at the root of the router.
    public func registerRoutes(on router: Router<ProviderRequestContext>) {
        registerAccountsRoutes(on: router)
        for method in [HTTPRequest.Method.get, .post, .put, .patch, .delete] {
            router.on("/crm/**", method: method) { request, _ in await self.serveAPI(request) }
        }
    }

    /// Records per module (`Leads`, `Contacts`, `Calls`); other orgs' as `orgID/Module`.
    public func records() async -> [String: [JSONValue]] { await state.snapshot() }

    /// Forgets records, tokens, codes and channels; the configured refresh tokens work again.
    public func reset() async { await state.reset() }

    /// The first client's credentials, as `fakecrm serve` prints them.
    public var credentials: [(key: String, value: String)] {
        guard let client = configuration.clients.first else { return [] }
        return [
            ("client_id", client.clientID), ("client_secret", client.clientSecret),
            ("refresh_token", client.refreshToken),
        ]
    }

    /// `zoho http://127.0.0.1:PORT client_id=… client_secret=… refresh_token=…`.
    public func serveLine(baseURL: String) -> String {
        (["zoho", baseURL] + credentials.map { "\($0.key)=\($0.value)" }).joined(separator: " ")
    }

    /// The line for the default configuration.
    public static func serveLine(baseURL: String) -> String {
        FakeZoho(logger: Logger(label: "fakecrm.zoho", factory: { _ in SwiftLogNoOpLogHandler() }))
            .serveLine(baseURL: baseURL)
    }

    /// An injected fault in Zoho's own error shape.
    public func faultResponse(status: HTTPResponse.Status, for request: Request) -> Response {
        let error: ZohoError =
            switch status.code {
            case 429: .tooManyRequests("Too many requests")
            case 401: .invalidToken
            case 404: .invalidURL
            default: ZohoError(status: status, code: "INTERNAL_ERROR", message: "Internal Server Error")
            }
        return zohoJSON(error.body, status: status)
    }

    /// The fake's own base URL as the client addressed it, for `api_domain` and `resource_uri`.
    static func baseURL(of request: Request) -> String {
        "http://\(request.head.authority ?? "127.0.0.1")"
    }
}

/// A JSON answer with `Content-Type: application/json`, which the Zoho SDK requires.
func zohoJSON(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
    Response(
        status: status, headers: [.contentType: "application/json;charset=UTF-8"],
        body: .init(byteBuffer: ByteBuffer(bytes: value.jsonBytes)))
}
