import Hummingbird

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
}

/// The request context of every fake provider route.
public struct ProviderRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }
}
