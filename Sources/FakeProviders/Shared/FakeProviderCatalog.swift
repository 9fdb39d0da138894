import FakeSupport
import Logging

/// The fake CRMs this build can serve, and how to make each with its default configuration.
public enum FakeProviderCatalog {
    /// The providers available, in serving order.
    public static let available: [CRMProvider] = [.hubspot, .zoho, .odoo]

    /// A fresh fake of `provider` with its default configuration.
    public static func make(_ provider: CRMProvider, logger: Logger) -> any FakeProvider {
        switch provider {
        case .hubspot: FakeHubSpot(logger: logger)
        case .zoho: FakeZoho(logger: logger)
        case .odoo: FakeOdoo(logger: logger)
        }
    }
}
