import Foundation
import Logging
import Testing

@testable import Probes

@Suite struct ProbeSupportTests {
    @Test func queryValuesKeepPlusSigns() {
        #expect(QueryString.encode("canary+a-1@canary.test") == "canary%2Ba-1%40canary.test")
        #expect(QueryString.append([("a", "b c")], to: "/p?x=1") == "/p?x=1&a=b%20c")
    }

    @Test func jsonMetricsBecomeSamplesLabelledByProvider() throws {
        let body = #"{"dlq_size": 2, "crm_sync_errors_total": {"hubspot": 1, "zoho": 0}, "note": "x"}"#
        let samples = try JSONMetrics.samples(from: Array(body.utf8))
        #expect(samples.contains(MetricSample(name: "dlq_size", labels: [:], value: 2)))
        #expect(samples.contains(MetricSample(name: "crm_sync_errors_total", labels: ["provider": "hubspot"], value: 1)))
        #expect(samples.count == 3)
        #expect(throws: JSONMetrics.NotAnObject.self) { try JSONMetrics.samples(from: Array("[1]".utf8)) }
    }

    @Test func importRowsAreUniqueAndTheirCSVHasAHeader() {
        let rows = ImportRows.make(count: 100, token: "abc")
        #expect(Set(rows.map(\.email)).count == 100)
        #expect(rows[0].email == "canary+abc-1@canary.test")
        let lines = ImportRows.csv(rows).split(separator: "\n")
        #expect(lines.count == 101)
        #expect(lines[0] == "email,firstname,lastname,phone,company")
    }

    @Test func importCheckFindsLostDuplicatedAndDifferentRows() {
        let rows = ImportRows.make(count: 3, token: "t")
        let reader = HubSpotReader(
            context: ProbeContext(
                http: .shared, target: ProbeTarget(backendURL: "http://x", workspaceID: "w"), timeout: .seconds(1),
                logger: .init(label: "test")),
            access: CRMReadAccess(baseURL: "http://x", credentialSecret: "T"), token: Secret("t"))
        func contact(_ row: ContactRow, phone: String? = nil) -> CRMContact {
            CRMContact(
                id: row.email, email: row.email.uppercased(),
                fields: ["firstname": row.firstname, "lastname": row.lastname, "phone": phone ?? row.phone, "company": row.company])
        }
        let found = [contact(rows[0]), contact(rows[0]), contact(rows[1], phone: "+1 555 000 0000")]
        let check = ImportCheck(rows: rows, found: found, reader: reader)
        #expect(check.missing == [rows[2].email])
        #expect(check.duplicated == [rows[0].email])
        #expect(check.differences.count == 1)
        #expect(check.differences.first?.contains("phone") == true)
    }

    @Test func authorizeURLChecksClientCallbackScopesAndState() throws {
        let target = ProbeTarget(
            backendURL: "https://api.example.com", workspaceID: "w", requiredScopes: ["zoho": ["ZohoCRM.modules.ALL"]])
        let good = try #require(
            AuthorizeURL(
                "https://accounts.zoho.com/oauth/v2/auth?response_type=code&client_id=c&scope=ZohoCRM.modules.ALL,ZohoCRM.settings.ALL&redirect_uri=https%3A%2F%2Fapi.example.com%2Fcrm%2Fzoho%2Fcallback&state=s1&access_type=offline"))
        #expect(good.problem(for: "zoho", target: target) == nil)
        let wrongCallback = try #require(
            AuthorizeURL("https://a/oauth/authorize?client_id=c&redirect_uri=https%3A%2F%2Fevil%2Fcb&state=s"))
        #expect(wrongCallback.problem(for: "hubspot", target: target)?.contains("redirects to https://evil/cb") == true)
        let noScope = try #require(
            AuthorizeURL("https://a/x?client_id=c&redirect_uri=https%3A%2F%2Fapi.example.com%2Fcrm%2Fzoho%2Fcallback&state=s"))
        #expect(noScope.problem(for: "zoho", target: target)?.contains("ZohoCRM.modules.ALL") == true)
        #expect(AuthorizeURL("/relative") == nil)
    }

    @Test func forgedStateKeepsTheOtherParameters() {
        let url = URLQueryEdit.appending("x", toParameter: "state", in: "https://b/crm/hubspot/callback?code=C1&state=S%2B1")
        #expect(url == "https://b/crm/hubspot/callback?code=C1&state=S%2B1x")
    }

    @Test func corsOriginIsSchemeHostAndPort() {
        #expect(CORSProbe.origin(of: "https://app.example.com/path") == "https://app.example.com")
        #expect(CORSProbe.origin(of: "http://127.0.0.1:5173/") == "http://127.0.0.1:5173")
    }

    @Test func catalogAcceptsTheContractsProviders() {
        #expect(ProbeCatalog.kinds["webhook.delivery"]?.acceptedProviders == ["hubspot", "zoho", "odoo", "stripe"])
        #expect(ProbeCatalog.kinds["oauth.flow"]?.acceptedProviders == ["hubspot", "zoho"])
        #expect(ProbeCatalog.kinds["import.csv"]?.acceptedProviders == ["hubspot", "zoho", "odoo"])
        #expect(ProbeCatalog.kinds["cors"]?.perProvider == false)
        for (id, kind) in ProbeCatalog.kinds {
            #expect(kind.make(kind.acceptedProviders?.first).id == id)
        }
    }

    @Test func missingCRMReadAccessLeavesTheAttemptUnverifiedNamingTheSetting() async throws {
        let context = ProbeContext(
            http: .shared, target: ProbeTarget(backendURL: "http://127.0.0.1:1", workspaceID: "w"), timeout: .seconds(1),
            logger: .init(label: "test"))
        let outcome = try await probeAttempt { _ = try CRMReaders.reader(for: "zoho", in: context); return .pass() }
        #expect(outcome.isUnverified && !outcome.passed)
        #expect(outcome.detail == "no CRM read access for zoho: set target.crm_read.zoho")
        #expect(
            ProbeCatalog.unmetNeeds(of: "call.push", provider: "zoho", target: context.target, secrets: context.secrets)
                == ["RETELL_WEBHOOK_SECRET is not set (signs retell webhooks)", outcome.detail])
    }

    @Test func probesWithoutAFrontendSaySo() async throws {
        let context = ProbeContext(
            http: .shared, target: ProbeTarget(backendURL: "http://127.0.0.1:1", workspaceID: "w"), timeout: .seconds(1),
            logger: .init(label: "test"))
        for probe in [CORSProbe() as any Probe, FrontendProbe()] {
            let outcome = try await probe.run(in: context)
            #expect(outcome.isUnverified)
            #expect(outcome.detail == "no frontend URL: set FRONTEND_URL or target.frontend_url")
        }
    }
}
