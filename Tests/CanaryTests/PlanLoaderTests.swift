import Canary
import Foundation
import Probes
import Testing

@Suite struct PlanLoaderTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func pilotPlanIsValidAndFollowsTheChecklistTimeline() throws {
        let plan = try PlanLoader.load(path: Self.packageRoot.appendingPathComponent("scenarios/pilot.yaml").path)
        #expect(plan.name == "pilot")
        #expect(plan.phases.map(\.name) == ["oauth-webhooks", "import", "calls", "decision"])
        #expect(plan.phases.map { DurationText.format($0.start) } == ["0s", "15m", "45m", "1h30m"])
        #expect(plan.duration == .seconds(7200))
        #expect(Set(plan.watch.map(\.id)).isSuperset(of: ["health", "crm.health", "metrics.scrape"]))
        #expect(plan.alerts.filter { $0.level == .critical }.count >= 3)
        #expect(plan.rollback.count == 6)
    }

    @Test func brokenPlanReportsEveryProblemWithLineAndColumn() throws {
        let text = """
            name: broken
            target:
              providers: [hubspot, salesforce]
            phases:
              - name: first
                from: 0m
                until: 10m
                probes:
                  - probe: helth
                    cadence: 30s
                  - probe: health
                    cadence: sometimes
              - name: second
                from: 5m
                until: 2m
            alerts:
              - name: bad
                level: severe
                when: increase(crm_sync_errors_total[5q]) > 0
            gates:
              - name: g
                require: probe_success_ratio(webhook.send[run]) >= 99%
                min_samples: 0
            rollback:
              - name: nothing
            stop_on_critcal: true
            """
        let error = try #require(throws: PlanInvalid.self) { try PlanLoader.parse(text, file: "broken.yaml") }
        let messages = error.diagnostics.map { "\($0.line):\($0.column) \($0.message)" }
        #expect(messages.contains("3:14 unknown provider \"salesforce\""))
        #expect(messages.contains("9:16 unknown probe \"helth\""))
        #expect(messages.contains { $0.hasPrefix("12:18 cadence \"sometimes\"") })
        #expect(messages.contains { $0.hasPrefix("15:12 phase \"second\" ends before it starts") })
        #expect(messages.contains { $0.hasPrefix("18:12 alert level \"severe\"") })
        #expect(messages.contains { $0.hasPrefix("19:42 alert \"bad\": \"5q\" is not a range") })
        #expect(messages.contains { $0.contains("refers to probe \"webhook.send\", which the plan never runs") })
        #expect(messages.contains { $0.contains("min_samples of gate \"g\"") })
        #expect(messages.contains { $0.contains("rollback step \"nothing\" has neither run: nor http:") })
        #expect(messages.contains { $0.hasPrefix("26:1 unknown key \"stop_on_critcal\"") })
        let hint = error.diagnostics.first { $0.message.contains("stop_on_critcal") }?.hint
        #expect(hint?.contains("did you mean \"stop_on_critical\"") == true)
        #expect(error.diagnostics.count >= 10)
        #expect(error.description.contains("broken.yaml:9:16: unknown probe \"helth\""))
    }

    static let targetPlan = """
        name: targets
        target:
          frontend_url: env:APP_URL
          providers: [hubspot, odoo]
          paths:
            sync_status: /admin/sync
            import_status: /imports/{id}
          signing:
            hubspot: {scheme: hex-hmac, secret: env:HS_SECRET, header: X-HubSpot-Signature}
            odoo: {scheme: shared-secret, secret: env:ODOO_HOOK, header: X-Odoo-Secret}
          oauth_mode: shallow
          required_scopes:
            hubspot: [crm.objects.contacts.write, oauth]
          admin_auth: env:ADMIN_TOKEN
          crm_read:
            odoo: {base_url: env:ODOO_URL, database: canary, login: bot@example.com, api_key: env:ODOO_KEY}
          metrics_format: json
          secrets: [EXTRA]
        phases:
          - name: all
            from: 0m
            until: 10m
            probes:
              - {probe: webhook.delivery, cadence: 1m, providers: [hubspot, stripe]}
              - {probe: oauth.flow, cadence: once}
              - {probe: cors, cadence: 1m}
        """

    @Test func targetSettingsAreReadAndResolvedWithTheirSecrets() throws {
        let plan = try PlanLoader.parse(Self.targetPlan, file: "targets.yaml")
        #expect(plan.target.paths.syncStatus == "/admin/sync")
        #expect(plan.target.paths.importStatus == "/imports/{id}")
        #expect(plan.target.paths.pauseSync == "/crm/admin/pause-sync")
        #expect(plan.target.signing["hubspot"] == WebhookSigning(scheme: .hexHMAC, secretName: "HS_SECRET", header: "X-HubSpot-Signature"))
        #expect(plan.target.signing["zoho"] == WebhookSigning.defaults["zoho"])
        #expect(plan.phases[0].probes.map(\.providers) == [["hubspot", "stripe"], ["hubspot"], []])

        let environment = [
            "APP_URL": "https://app.example.com", "HS_SECRET": "hs", "ODOO_HOOK": "oh", "ADMIN_TOKEN": "adm",
            "ODOO_URL": "https://odoo.example.com/", "ODOO_KEY": "ok", "STRIPE_WEBHOOK_SECRET": "st", "EXTRA": "e",
            "HUBSPOT_ACCESS_TOKEN": "ht", "WORKSPACE_ID": "ws_1",
        ]
        let (target, secrets) = plan.target.resolve(backendURL: "https://api.example.com/", environment: environment)
        #expect(target.backendURL == "https://api.example.com")
        #expect(target.frontendURL == "https://app.example.com")
        #expect(target.workspaceID == "ws_1")
        #expect(target.oauthMode == .shallow)
        #expect(target.metricsFormat == .json)
        #expect(target.requiredScopes == ["hubspot": ["crm.objects.contacts.write", "oauth"]])
        #expect(target.adminAuthSecret == "ADMIN_TOKEN")
        #expect(target.crmRead["odoo"] == CRMReadAccess(baseURL: "https://odoo.example.com", credentialSecret: "ODOO_KEY", database: "canary", login: "bot@example.com"))
        #expect(target.crmRead["hubspot"]?.baseURL == "https://api.hubapi.com")
        #expect(target.crmRead["zoho"] == nil)
        for (name, value) in [("HS_SECRET", "hs"), ("ODOO_HOOK", "oh"), ("ADMIN_TOKEN", "adm"), ("ODOO_KEY", "ok"),
            ("STRIPE_WEBHOOK_SECRET", "st"), ("EXTRA", "e"), ("HUBSPOT_ACCESS_TOKEN", "ht")] {
            #expect(secrets[name]?.unredacted() == value, "\(name)")
        }
        #expect(secrets["RETELL_WEBHOOK_SECRET"] == nil)
    }

    @Test func defaultTargetResolvesFromTheConventionalEnvironment() throws {
        let plan = try PlanLoader.parse(
            "name: d\nphases:\n  - {name: p, from: 0m, until: 1m, probes: [{probe: health, cadence: once}]}\n", file: "d.yaml")
        let (target, secrets) = plan.target.resolve(
            backendURL: "http://b", environment: ["ZOHO_API_URL": "http://z", "ZOHO_ACCESS_TOKEN": "zt", "CRM_HUBSPOT_WEBHOOK_SECRET": "h"])
        #expect(target.workspaceID == "ws_canary")
        #expect(target.frontendURL == nil)
        #expect(target.crmRead["zoho"] == CRMReadAccess(baseURL: "http://z", credentialSecret: "ZOHO_ACCESS_TOKEN"))
        #expect(target.crmRead["odoo"] == nil)
        #expect(target.signing == WebhookSigning.defaults)
        #expect(target.metricsFormat == .prometheus)
        #expect(secrets["ZOHO_ACCESS_TOKEN"]?.unredacted() == "zt")
        #expect(secrets["CRM_HUBSPOT_WEBHOOK_SECRET"]?.unredacted() == "h")
    }

    @Test func zohoReadAccessCarriesHowToRefreshItsToken() throws {
        let plan = try PlanLoader.parse(
            """
            name: z
            target:
              crm_read:
                zoho: {base_url: env:ZA, token: env:ZT, token_url: https://accounts.zoho.eu/oauth/v2/token, client_id: env:ZC, client_secret: env:ZS, refresh_token: env:ZR}
            phases:
              - {name: p, from: 0m, until: 1m, probes: [{probe: health, cadence: once}]}
            """, file: "z.yaml")
        let environment = ["ZA": "http://z", "ZT": "t", "ZC": "1000.client", "ZS": "s", "ZR": "r"]
        let (target, secrets) = plan.target.resolve(backendURL: "http://b", environment: environment)
        #expect(
            target.crmRead["zoho"]?.refresh
                == TokenRefresh(
                    tokenURL: "https://accounts.zoho.eu/oauth/v2/token", clientID: "1000.client", clientSecretName: "ZS",
                    refreshTokenName: "ZR"))
        #expect(secrets["ZS"]?.unredacted() == "s" && secrets["ZR"]?.unredacted() == "r")
        let literal = "name: z\ntarget:\n  crm_read:\n    zoho: {client_secret: shh}\nphases:\n  - {name: p, from: 0m, until: 1m, probes: [{probe: health, cadence: once}]}\n"
        #expect(throws: (any Error).self, "a secret written in the plan is refused") { try PlanLoader.parse(literal, file: "l.yaml") }
    }

    @Test func badTargetSettingsAreAllReportedWithHints() throws {
        let text = """
            name: bad-target
            target:
              providers: [odoo]
              paths:
                import_stat: /x
                replay: admin/replay
              signing:
                hubspot: {scheme: hex-hmax, secret: env:S}
                zoho: {scheme: shared-secret, secret: env:Z}
                odoo: {scheme: stripe}
                salesforce: {scheme: none}
                stripe: {secret: whsec_literal}
              oauth_mode: deep
              metrics_format: jsn
              required_scopes:
                odoo: [x]
              admin_auth: letmein
              crm_read:
                hubspot: {base_url: env:H, api_key: env:K}
            phases:
              - name: all
                from: 0m
                until: 10m
                probes:
                  - {probe: oauth.flow, cadence: once}
                  - {probe: webhook.delivery, cadence: 1m, providers: [retell, zoho]}
                  - {probe: import.csv, cadence: 1m, providers: [odo]}
            """
        let error = try #require(throws: PlanInvalid.self) { try PlanLoader.parse(text, file: "bad.yaml") }
        func diagnostic(_ prefix: String) -> Diagnostic? {
            error.diagnostics.first { "\($0.line):\($0.column) \($0.message)".hasPrefix(prefix) }
        }
        #expect(diagnostic("5:5 unknown key \"import_stat\" in target.paths")?.hint?.contains("did you mean \"import_status\"") == true)
        #expect(diagnostic("6:13 path \"admin/replay\" must start with /") != nil)
        #expect(diagnostic("8:23 scheme \"hex-hmax\" in target.signing.hubspot is not valid")?.hint?.contains("did you mean \"hex-hmac\"") == true)
        #expect(diagnostic("9:11 target.signing.zoho uses shared-secret, which needs a header") != nil)
        #expect(diagnostic("10:11 target.signing.odoo uses stripe but names no secret") != nil)
        #expect(diagnostic("11:5 unknown key \"salesforce\" in target.signing") != nil)
        #expect(diagnostic("12:22 \"secret\" in target.signing.stripe must name an environment variable")?.hint?.contains("env:NAME") == true)
        #expect(diagnostic("13:15 oauth_mode \"deep\" in target is not valid")?.hint?.contains("full, shallow") == true)
        #expect(diagnostic("14:19 metrics_format \"jsn\" in target is not valid")?.hint?.contains("did you mean \"json\"") == true)
        #expect(diagnostic("16:5 unknown key \"odoo\" in target.required_scopes") != nil)
        #expect(diagnostic("17:15 \"admin_auth\" in target must name an environment variable") != nil)
        #expect(diagnostic("19:32 unknown key \"api_key\" in target.crm_read.hubspot")?.hint?.contains("token") == true)
        #expect(diagnostic("25:9 probe oauth.flow has no provider to run for")?.hint?.contains("hubspot, zoho") == true)
        #expect(diagnostic("26:59 probe webhook.delivery does not run for provider \"retell\"") != nil)
        #expect(diagnostic("26:59 provider \"zoho\" is not in target.providers") != nil)
        #expect(diagnostic("27:53 probe import.csv does not run for provider \"odo\"")?.hint?.contains("did you mean \"odoo\"") == true)
        #expect(error.diagnostics.count == 16)
        #expect(!error.description.contains("whsec_literal"))
    }

    @Test func invalidYAMLIsOneProblemWithItsPosition() throws {
        let error = try #require(throws: PlanInvalid.self) {
            try PlanLoader.parse("name: x\nphases: [\n  - a: b", file: "bad.yaml")
        }
        #expect(error.diagnostics.count == 1)
        #expect(error.diagnostics[0].message.hasPrefix("not valid YAML"))
        #expect(error.diagnostics[0].line >= 2)
    }

    @Test(arguments: [
        ("30s", Cadence.every(.seconds(30))), ("6/m", .every(.seconds(10))), ("once", .once),
        ("2/s", .every(.milliseconds(500))), ("1m30s", .every(.seconds(90))),
    ])
    func cadences(text: String, expected: Cadence) {
        #expect(Cadence.parse(text) == expected)
    }

    @Test(arguments: ["0s", "-1s", "abc", "3/x", "0/m", ""])
    func invalidCadences(text: String) {
        #expect(Cadence.parse(text) == nil)
    }
}
