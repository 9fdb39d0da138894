import FakeProviders
import Foundation
import Logging
import Probes
import Testing

/// Zoho access tokens expire within a canary's two hours: the reader refreshes once and keeps the new token.
@Suite struct ZohoTokenRefreshTests {
    @Test func anExpiredReadTokenIsRefreshedOnceAndShared() async throws {
        var settings = ZohoConfiguration()
        settings.accessTokenLifetime = .seconds(2)  // long enough for two reads on a loaded machine
        let zoho = FakeZoho(configuration: settings, logger: Logger(label: "test"))
        let client = try #require(settings.clients.first)
        try await withFakeProviders([zoho], logger: Logger(label: "test")) { running in
            let base = try #require(running[.zoho]).baseURL
            let refresh = TokenRefresh(
                tokenURL: base + "/oauth/v2/token", clientID: client.clientID, clientSecretName: "ZOHO_CLIENT_SECRET",
                refreshTokenName: "ZOHO_REFRESH_TOKEN")
            let secrets = ProbeSecrets([
                "ZOHO_ACCESS_TOKEN": Secret("1000.expired-or-unknown"), "ZOHO_CLIENT_SECRET": Secret(client.clientSecret),
                "ZOHO_REFRESH_TOKEN": Secret(client.refreshToken),
            ])
            func context(refreshing: Bool) -> ProbeContext {
                let access = CRMReadAccess(
                    baseURL: base, credentialSecret: "ZOHO_ACCESS_TOKEN", refresh: refreshing ? refresh : nil)
                return ProbeContext(
                    http: .shared, target: ProbeTarget(backendURL: base, workspaceID: "ws", crmRead: ["zoho": access]),
                    timeout: .seconds(5), secrets: secrets, logger: Logger(label: "test"))
            }
            let deadline = ProbeDeadline(timeout: .seconds(5))

            await #expect(throws: ProbeFailure.self, "without refresh settings a 401 is a failure") {
                _ = try await CRMReaders.reader(for: "zoho", in: context(refreshing: false))
                    .contacts(withEmails: ["nobody@canary.test"], deadline: deadline)
            }
            #expect(secrets.refreshed["zoho"] == nil)

            let reader = try CRMReaders.reader(for: "zoho", in: context(refreshing: true))
            #expect(try await reader.contacts(withEmails: ["nobody@canary.test"], deadline: deadline).isEmpty)
            let first = try #require(secrets.refreshed["zoho"]).unredacted()
            #expect(try await reader.contacts(withEmails: ["nobody@canary.test"], deadline: deadline).isEmpty)
            #expect(secrets.refreshed["zoho"]?.unredacted() == first, "the refreshed token is reused while it lasts")

            try await Task.sleep(for: .milliseconds(2_200))
            #expect(try await reader.contacts(withEmails: ["nobody@canary.test"], deadline: deadline).isEmpty)
            #expect(secrets.refreshed["zoho"]?.unredacted() != first, "an expired refreshed token is refreshed again")
        }
    }
}
