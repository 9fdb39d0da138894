import FakeSupport
import Logging

/// The fake CRMs this build can serve, and how to make each with its default configuration.
public enum FakeProviderCatalog {
    /// The providers available, in serving order.
    public static let available: [CRMProvider] = [.hubspot, .zoho, .odoo]

    /// A fresh fake of `provider` with its default configuration, its own limit windows running
    /// `timeScale` times faster than real time (a plan in plan time passes its speed).
    public static func make(_ provider: CRMProvider, timeScale: Double = 1, logger: Logger) -> any FakeProvider {
        switch provider {
        case .hubspot:
            var configuration = HubSpotConfiguration()
            configuration.rateLimits.timeScale = timeScale
            return FakeHubSpot(configuration: configuration, logger: logger)
        case .zoho:
            var configuration = ZohoConfiguration()
            configuration.timeScale = timeScale
            return FakeZoho(configuration: configuration, logger: logger)
        case .odoo:
            return FakeOdoo(logger: logger)
        }
    }
}
