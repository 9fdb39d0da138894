import FakeSupport
import Hummingbird
import NIOCore
import ServiceLifecycle

/// One fake CRM (HubSpot, Zoho or Odoo): its vendor routes and its in-memory state.
///
/// Each provider is served on its own port, at the root, because the vendors' SDKs take a base URL
/// (HubSpot, Zoho) or only a host and port (Odoo). The shared ``ProviderApplication`` adds the
/// fault middleware, the request journal and the `/__fake/…` inspection routes around it.
public protocol FakeProvider: Sendable {
    /// Which CRM this fakes.
    var provider: CRMProvider { get }
    /// Registers the vendor's own routes.
    func registerRoutes(on router: Router<ProviderRequestContext>)
    /// Every stored record by collection (`contacts`, `Leads`, `res.partner`, …), for inspection.
    func records() async -> [String: [JSONValue]]
    /// Forgets all state: records, tokens, subscriptions.
    func reset() async

    // Optional: each has a default in `FakeProvider+Defaults.swift`.

    /// Client credentials `fakecrm serve` prints beside the base URL, as `key=value` pairs in this order.
    var credentials: [(key: String, value: String)] { get }
    /// Background work the provider needs while it serves, e.g. webhook deliveries.
    var services: [any Service] { get }
    /// Webhook subscriptions and manual triggers for the inspection API, when the provider sends webhooks.
    var webhooks: (any FakeWebhookSource)? { get }
    /// The lag of the vendor's search behind its records, when its search reads an index.
    var searchIndex: SearchIndex? { get }
    /// The answer to a request that a fault fails with `status`, in the vendor's own error shape.
    func faultResponse(status: HTTPResponse.Status, for request: Request) -> Response
}

/// The request context of every fake provider route.
public struct ProviderRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The connection the request came in on; provider faults reset it.
    let channel: any Channel

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}
