import FakeBackend
import FakeProviders
import FakeSupport
import Foundation
import Logging

/// Runs the whole fake world on loopback for the duration of `body`: fake HubSpot, Zoho and Odoo
/// (with the fault plan's provider faults), a fake frontend, and a fake deployment wired to them
/// whose workspace has already connected HubSpot and Zoho through OAuth.
///
/// ```swift
/// try await withFakeStack(FakeDeploymentConfiguration(), logger: logger) { stack in
///     print(stack.deployment.baseURL, stack.frontendURL)
/// }
/// ```
/// - Parameters:
///   - configuration: the deployment's settings; its `host` is used for every server, its `port` for the deployment.
///   - providers: the fake CRMs to start, every one this build has by default.
///   - providerPort: the port for the CRM at an index of `providers`; 0 (the default) picks a free one.
public func withFakeStack<T: Sendable>(
    _ configuration: FakeDeploymentConfiguration,
    providers chosen: [CRMProvider] = FakeProviderCatalog.available,
    providerPort: @escaping @Sendable (CRMProvider, Int) -> Int = { _, _ in 0 },
    logger: Logger,
    _ body: @Sendable (RunningFakeStack) async throws -> T
) async throws -> T {
    let readToken = "pat-na1-" + UUID().uuidString.lowercased()
    let faults = configuration.faults
    let fakes = chosen.map { provider -> any FakeProvider in
        switch provider {
        case .hubspot:
            // The harness reads HubSpot with a private-app token, which never expires, as a real one would.
            var settings = HubSpotConfiguration()
            settings.privateAppTokens = [readToken]
            settings.rateLimits.timeScale = faults.timeScale
            return FakeHubSpot(configuration: settings, logger: logger)
        case .zoho, .odoo:
            return FakeProviderCatalog.make(provider, timeScale: faults.timeScale, logger: logger)
        }
    }
    return try await withFakeProviders(
        fakes,
        configuration: { provider, index in
            .init(
                host: configuration.host, port: providerPort(provider, index),
                faults: faults.faults(for: provider))
        },
        logger: logger
    ) { providers in
        try await FakeFrontend.run(host: configuration.host, logger: logger) { frontendURL in
            var wiring = configuration
            wiring.providers = .fakes(providers)
            wiring.frontendOrigin = frontendURL
            let wired = wiring
            return try await withFakeDeployment(wired, logger: logger) { deployment in
                let setup = FakeStackSetup(providers: providers, deployment: deployment)
                try await setup.connectWorkspace()
                var environment = try await setup.readAccess(hubSpotToken: readToken)
                for (name, value) in wired.secrets.environment where name != "ENCRYPTION_KEY" {
                    environment[name] = value
                }
                environment["BACKEND_URL"] = deployment.baseURL
                environment["FRONTEND_URL"] = frontendURL
                return try await body(
                    RunningFakeStack(
                        deployment: deployment, providers: providers, frontendURL: frontendURL,
                        environment: environment))
            }
        }
    }
}
