import FakeSupport
import Hummingbird
import Logging
import ServiceLifecycle

/// A fake HubSpot: OAuth, CRM v3 objects (single, batch, search), v4 associations, rate limits, signed
/// webhooks and their v3 management API, per portal, as `hubspot-api-client` expects them on the wire.
///
/// ```swift
/// let hubspot = FakeHubSpot(configuration: HubSpotConfiguration(), logger: logger)
/// try await withFakeProviders([hubspot], logger: logger) { running in
///     // HubSpot(host: running[.hubspot]!.baseURL) in the SDK; client_id and client_secret from the configuration
/// }
/// ```
/// Served by ``ProviderApplication``, which adds the journal, faults and the `/__fake/…` inspection API.
public struct FakeHubSpot: FakeProvider {
    /// HubSpot.
    public let provider = CRMProvider.hubspot
    /// The app's credentials, portals and limits.
    public let configuration: HubSpotConfiguration
    let state: HubSpotState
    let outbox: WebhookOutbox
    /// What the search routes see of new objects.
    public let searchIndex: SearchIndex?
    let logger: Logger

    /// Creates a fake HubSpot with empty portals; `transport` carries its webhooks.
    public init(
        configuration: HubSpotConfiguration = .init(), logger: Logger,
        transport: any WebhookTransport = HTTPClientWebhookTransport()
    ) {
        self.configuration = configuration
        self.state = HubSpotState(configuration: configuration)
        self.searchIndex = SearchIndex(delay: configuration.searchIndexDelay)
        self.outbox = WebhookOutbox(
            retry: configuration.webhookRetry, timeout: configuration.webhookTimeout, transport: transport,
            logger: logger)
        self.logger = logger
    }

    /// `client_id`, `client_secret`, `app_id` and `developer_api_key`.
    public var credentials: [(key: String, value: String)] {
        [
            ("client_id", configuration.clientID), ("client_secret", configuration.clientSecret),
            ("app_id", String(configuration.appID)), ("developer_api_key", configuration.developerAPIKey),
        ]
    }

    /// The webhook outbox.
    public var services: [any Service] { [outbox] }

    /// Subscriptions, triggers and deliveries through the inspection API.
    public var webhooks: (any FakeWebhookSource)? { self }

    /// Registers OAuth, CRM v3 objects, batch, search, v4 associations, the rate-limit setting route and the
    /// webhooks v3 management API.
    public func registerRoutes(on router: Router<ProviderRequestContext>) {
        router.add(middleware: HubSpotErrorMiddleware())
        registerOAuthRoutes(on: router)
        registerObjectRoutes(on: router)
        registerBatchRoutes(on: router)
        registerSearchRoutes(on: router)
        registerAssociationRoutes(on: router)
        registerAssociationBatchRoutes(on: router)
        registerSettingsRoutes(on: router)
        registerWebhookSettingsRoutes(on: router)
        registerWebhookSubscriptionRoutes(on: router)
    }

    /// Objects per type (`contacts`, `calls`, …), each with its `portalId`, plus `associations`.
    public func records() async -> [String: [JSONValue]] {
        (try? state.withStore { store in
            var records: [String: [JSONValue]] = [:]
            for hubID in store.portals.keys.sorted() {
                let portal = store.portals[hubID]!
                for (type, ids) in portal.order {
                    for id in ids {
                        guard let object = portal.object(type, id) else { continue }
                        var json = object.json(properties: nil)
                        if case .object(var members) = json {
                            members["portalId"] = .int(hubID)
                            json = .object(members)
                        }
                        records[type.name, default: []].append(json)
                    }
                }
                for (from, targets) in portal.associations.sorted(by: { ($0.key.type.name, $0.key.id) < ($1.key.type.name, $1.key.id) }) {
                    for (to, specs) in targets.sorted(by: { ($0.key.type.name, $0.key.id) < ($1.key.type.name, $1.key.id) }) {
                        records["associations", default: []].append([
                            "portalId": .int(hubID), "fromObjectType": .string(from.type.name),
                            "fromObjectId": .string(String(from.id)), "toObjectType": .string(to.type.name),
                            "toObjectId": .string(String(to.id)),
                            "types": .array(specs.sorted { $0.typeID < $1.typeID }.map(\.json)),
                        ])
                    }
                }
            }
            return records
        }) ?? [:]
    }

    /// Forgets portals, tokens, subscriptions and pending webhook retries.
    public func reset() async {
        state.reset()
        outbox.reset()
    }

    /// HubSpot's own error shape for an injected status; a 429 carries the rate-limit headers and body.
    public func faultResponse(status: HTTPResponse.Status, for request: Request) -> Response {
        switch status.code {
        case 429:
            var headers = HTTPFields()
            let limits = state.rateLimits
            headers[HubSpotRateLimiter.interval] = limits.intervalMilliseconds
            headers[HubSpotRateLimiter.max] = String(limits.perTenSeconds)
            headers[HubSpotRateLimiter.remaining] = "0"
            return HubSpotRateLimitPolicy.tenSecondlyRolling.error(headers: headers).response()
        case 401: return HubSpotError.invalidToken.response()
        case 403: return HubSpotError.missingScopes(["crm.objects.contacts.read"]).response()
        case 404: return HubSpotError.notFound("Object not found.").response()
        case 409: return HubSpotError.conflict("Conflict.").response()
        case 400..<500:
            return HubSpotError(status: status, category: "VALIDATION_ERROR", message: status.reasonPhrase).response()
        default:
            return HubSpotError(
                status: status, category: status.code == 500 ? "INTERNAL_ERROR" : "SERVICE_UNAVAILABLE",
                message: "\(status.reasonPhrase). Try again later.").response()
        }
    }

    /// Queues webhook deliveries for `changes` in `hubID` to every subscription that wants them.
    func emit(_ changes: [HubSpotChange], hubID: Int) {
        guard !changes.isEmpty else { return }
        let batches = state.webhookBatches(for: changes, hubID: hubID)
        for batch in batches { enqueue(batch) }
    }
}
