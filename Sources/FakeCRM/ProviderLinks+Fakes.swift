import FakeBackend
import FakeProviders

extension ProviderLinks {
    /// Links to running fake CRMs, with the app credentials each fake was configured with.
    public static func fakes(_ running: RunningFakeProviders) -> ProviderLinks {
        var links = ProviderLinks()
        if let hubspot = running[.hubspot], let fake = hubspot.fake as? FakeHubSpot {
            let app = fake.configuration
            links.hubspot = OAuthApp(
                baseURL: hubspot.baseURL, authorizePath: "/oauth/authorize", tokenPath: "/oauth/v1/token",
                clientID: app.clientID, clientSecret: app.clientSecret,
                scopes: ["oauth", "crm.objects.contacts.read", "crm.objects.contacts.write"], scopeSeparator: " ")
        }
        if let zoho = running[.zoho], let fake = zoho.fake as? FakeZoho, let client = fake.configuration.clients.first {
            links.zoho = OAuthApp(
                baseURL: zoho.baseURL, authorizePath: "/oauth/v2/auth", tokenPath: "/oauth/v2/token",
                clientID: client.clientID, clientSecret: client.clientSecret,
                scopes: ["ZohoCRM.modules.ALL", "ZohoCRM.settings.ALL"], scopeSeparator: ",",
                extraParameters: [("access_type", "offline")])
        }
        if let odoo = running[.odoo], let fake = odoo.fake as? FakeOdoo, let user = fake.configuration.users.first,
            let database = fake.configuration.databases.first
        {
            links.odoo = OdooLink(baseURL: odoo.baseURL, database: database, login: user.login, apiKey: user.apiKey)
        }
        return links
    }
}
