import FakeProviders
import FakeTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct HubSpotOAuthTests {
    let configuration = HubSpotConfiguration()

    @Test func authorizeConsentsAndRedirectsWithCodeAndState() async throws {
        try await HubSpotHarness().test { client in
            let answer = try await client.call(
                .get,
                "/oauth/authorize?client_id=\(configuration.clientID)&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcb%3Fx%3D1"
                    + "&scope=oauth%20crm.objects.contacts.read&state=abc")
            #expect(answer.status == .found)
            let location = try #require(answer.header("Location"))
            #expect(location.hasPrefix("https://app.example.com/cb?x=1&code="))
            #expect(location.hasSuffix("&state=abc"))
        }
    }

    @Test func authorizeCanBeToldToDeny() async throws {
        try await HubSpotHarness().test { client in
            let answer = try await client.call(
                .get,
                "/oauth/authorize?client_id=\(configuration.clientID)&redirect_uri=http://x.test/cb&state=s&fake_consent=deny")
            #expect(answer.status == .found)
            #expect(answer.header("Location")?.contains("error=access_denied") == true)
            #expect(answer.header("Location")?.contains("code=") == false)
            let unknown = try await client.call(.get, "/oauth/authorize?client_id=nope&redirect_uri=http://x.test/cb")
            #expect(unknown.status == .badRequest)
            #expect(unknown["status"] == "BAD_CLIENT_ID")
        }
    }

    @Test func codeExchangeRefreshAndIntrospection() async throws {
        try await HubSpotHarness().test { client in
            let tokens = try await client.hubspotTokens(hubID: 777)
            #expect(tokens["token_type"] == "bearer")
            #expect(tokens["expires_in"] == 1800)
            #expect(tokens["hub_id"] == 777)
            let refresh = try #require(tokens["refresh_token"]?.string)
            #expect(refresh.hasPrefix("na1-"))

            let refreshed = try await client.call(
                .post, "/oauth/v1/token",
                raw: "grant_type=refresh_token&refresh_token=\(refresh)&client_id=\(configuration.clientID)"
                    + "&client_secret=\(configuration.clientSecret)", contentType: "application/x-www-form-urlencoded")
            #expect(refreshed.status == .ok)
            #expect(refreshed["access_token"] != tokens["access_token"])
            #expect(refreshed.header("X-HubSpot-RateLimit-Max") == "110")
            #expect(refreshed.header("X-HubSpot-RateLimit-Daily") == nil)

            let token = try #require(refreshed["access_token"]?.string)
            let info = try await client.call(.get, "/oauth/v1/access-tokens/\(token)")
            #expect(info.status == .ok)
            #expect(info["hub_id"] == 777)
            #expect(info["app_id"] == .int(configuration.appID))
            #expect(info["token_type"] == "access")
            #expect(info["scopes"]?.array?.contains("crm.objects.contacts.read") == true)
        }
    }

    @Test func clientCredentialsGiveAnAccessTokenAndNoRefreshToken() async throws {
        try await HubSpotHarness().test { client in
            let form = "grant_type=client_credentials&client_id=\(configuration.clientID)"
                + "&client_secret=\(configuration.clientSecret)&scope=crm.objects.contacts.write%20crm.objects.contacts.read"
            let answer = try await client.call(.post, "/oauth/v1/token", raw: form, contentType: "application/x-www-form-urlencoded")
            #expect(answer.status == .ok)
            #expect(answer["refresh_token"] == nil)
            #expect(answer["hub_id"] == .int(configuration.defaultHubID))
            #expect(answer["scopes"] == ["crm.objects.contacts.read", "crm.objects.contacts.write"])
            let token = try #require(answer["access_token"]?.string)
            let created = try await client.call(
                .post, "/crm/v3/objects/contacts", token: token, json: ["properties": ["email": "cc@example.com"]])
            #expect(created.status == .created)

            let forged = try await client.call(
                .post, "/oauth/v1/token",
                raw: "grant_type=client_credentials&client_id=\(configuration.clientID)&client_secret=forged",
                contentType: "application/x-www-form-urlencoded")
            #expect(forged["status"] == "BAD_CLIENT_SECRET")
        }
    }

    @Test(arguments: [
        ("grant_type=password&client_id=C&client_secret=S", "BAD_GRANT_TYPE", "unsupported_grant_type"),
        ("grant_type=refresh_token&refresh_token=x&client_id=nope&client_secret=S", "BAD_CLIENT_ID", "invalid_client"),
        ("grant_type=refresh_token&refresh_token=x&client_id=C&client_secret=forged", "BAD_CLIENT_SECRET", "invalid_client"),
        ("grant_type=refresh_token&refresh_token=na1-unknown&client_id=C&client_secret=S", "BAD_REFRESH_TOKEN", "invalid_grant"),
        ("grant_type=authorization_code&code=unknown&redirect_uri=http://x&client_id=C&client_secret=S", "BAD_AUTH_CODE", "invalid_grant"),
    ])
    func tokenErrorsUseHubSpotsStatuses(form: String, status: String, error: String) async throws {
        let form = form.replacingOccurrences(of: "client_id=C", with: "client_id=\(configuration.clientID)")
            .replacingOccurrences(of: "client_secret=S", with: "client_secret=\(configuration.clientSecret)")
        try await HubSpotHarness().test { client in
            let answer = try await client.call(.post, "/oauth/v1/token", raw: form, contentType: "application/x-www-form-urlencoded")
            #expect(answer.status == .badRequest)
            #expect(answer["status"] == .string(status))
            #expect(answer["error"] == .string(error))
            #expect(answer["message"]?.string?.isEmpty == false)
        }
    }

    @Test func aCodeWorksOnceAndOnlyWithItsRedirectURI() async throws {
        try await HubSpotHarness().test { client in
            let authorize = try await client.call(
                .get, "/oauth/authorize?client_id=\(configuration.clientID)&redirect_uri=http://a.test/cb&scope=oauth")
            let location = try #require(authorize.header("Location"))
            let code = try #require(URLComponents(string: location)?.queryItems?.first { $0.name == "code" }?.value)
            let base = "grant_type=authorization_code&code=\(code)&client_id=\(configuration.clientID)"
                + "&client_secret=\(configuration.clientSecret)"
            let mismatch = try await client.call(
                .post, "/oauth/v1/token", raw: base + "&redirect_uri=http://b.test/cb",
                contentType: "application/x-www-form-urlencoded")
            #expect(mismatch["status"] == "BAD_REDIRECT_URI")
            let first = try await client.call(
                .post, "/oauth/v1/token", raw: base + "&redirect_uri=http://a.test/cb",
                contentType: "application/x-www-form-urlencoded")
            #expect(first.status == .ok)
            let again = try await client.call(
                .post, "/oauth/v1/token", raw: base + "&redirect_uri=http://a.test/cb",
                contentType: "application/x-www-form-urlencoded")
            #expect(again["status"] == "BAD_AUTH_CODE")
        }
    }

    @Test func expiredTokensGetExpiredAuthentication() async throws {
        let harness = HubSpotHarness(configure: { $0.accessTokenLifetime = .seconds(1) })
        try await harness.test { client in
            let token = try await client.hubspotToken()
            #expect(try await client.call(.get, "/crm/v3/objects/contacts", token: token).status == .ok)
            try await Task.sleep(for: .milliseconds(1100))
            let expired = try await client.call(.get, "/crm/v3/objects/contacts", token: token)
            #expect(expired.status == .unauthorized)
            #expect(expired["category"] == "EXPIRED_AUTHENTICATION")
            #expect(expired["status"] == "error")
            #expect(try await client.call(.get, "/oauth/v1/access-tokens/\(token)").status == .notFound)
        }
    }

    @Test func missingBadAndUnderScopedTokensAreRefused() async throws {
        try await HubSpotHarness().test { client in
            let none = try await client.call(.get, "/crm/v3/objects/contacts")
            #expect(none.status == .unauthorized)
            #expect(none["category"] == "INVALID_AUTHENTICATION")
            #expect(none["correlationId"]?.string?.count == 36)
            let bad = try await client.call(.get, "/crm/v3/objects/contacts", token: "CO-forged")
            #expect(bad.status == .unauthorized)
            let reader = try await client.hubspotToken(scope: "crm.objects.contacts.read")
            let write = try await client.call(
                .post, "/crm/v3/objects/contacts", token: reader, json: ["properties": ["email": "a@b.co"]])
            #expect(write.status == .forbidden)
            #expect(write["category"] == "MISSING_SCOPES")
            #expect(write["errors"]?.array?.first?["context"]?["requiredGranularScopes"] == ["crm.objects.contacts.write"])
            let companies = try await client.call(.get, "/crm/v3/objects/companies", token: reader)
            #expect(companies.status == .forbidden)
        }
    }

    @Test func revokedRefreshTokensStopWorking() async throws {
        try await HubSpotHarness().test { client in
            let refresh = try #require(try await client.hubspotTokens()["refresh_token"]?.string)
            #expect(try await client.call(.get, "/oauth/v1/refresh-tokens/\(refresh)")["hub_id"] == 62515)
            #expect(try await client.call(.delete, "/oauth/v1/refresh-tokens/\(refresh)").status == .noContent)
            let answer = try await client.call(
                .post, "/oauth/v1/token",
                raw: "grant_type=refresh_token&refresh_token=\(refresh)&client_id=\(configuration.clientID)"
                    + "&client_secret=\(configuration.clientSecret)", contentType: "application/x-www-form-urlencoded")
            #expect(answer["status"] == "BAD_REFRESH_TOKEN")
        }
    }
}
