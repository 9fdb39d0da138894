import FakeBackend
import FakeTestSupport
import Testing

/// The `profile:` keys that describe a broken release, as a plan author writes them and gets them wrong.
@Suite struct BrokenReleaseProfileReaderTests {
    @Test func theDefaultProfileIsTheContract() throws {
        let profile = DeploymentProfile()
        #expect(profile.oauthRedirectURI == nil)
        #expect(profile.answers == DeploymentProfile.Answers())
        for source in WebhookSource.allCases { #expect(profile.answers.signedWebhook(from: source) == nil) }
        let answers = profile.answers
        #expect(answers.admin == nil && answers.corsPreflight == nil && answers.imports == nil)
        #expect(try DeploymentFaultPlan.parse(yaml: "profile: {}\n", fileName: "p.yaml", speed: 1).profile == profile)
    }

    @Test func everySwitchReads() throws {
        let yaml = """
            profile:
              oauth_redirect_uri: https://app.example.com/oauth/callback
              answers:
                signed_webhooks: {status: 500, sources: [hubspot, zoho]}
                admin: 500
                cors_preflight: {status: 400}
                imports: 404
            """
        let profile = try DeploymentFaultPlan.parse(yaml: yaml, fileName: "p.yaml", speed: 1).profile
        #expect(profile.oauthRedirectURI == "https://app.example.com/oauth/callback")
        let answers = profile.answers
        #expect(WebhookSource.allCases.map(answers.signedWebhook(from:)) == [500, 500, nil, nil, nil])
        #expect(answers.admin == 500 && answers.corsPreflight == 400 && answers.imports == 404)

        let everySource = try DeploymentFaultPlan.parse(
            yaml: "profile:\n  answers:\n    signed_webhooks: 502\n", fileName: "p.yaml", speed: 1).profile.answers
        #expect(WebhookSource.allCases.allSatisfy { everySource.signedWebhook(from: $0) == 502 })
    }

    @Test(arguments: [
        (
            "  answers:\n    webhooks: 500\n",
            #"p.yaml:3:5: unknown route group "webhooks"; use one of signed_webhooks, admin, cors_preflight, imports"#
        ),
        (
            "  answers:\n    admin: 200\n",
            #"p.yaml:3:12: admin answers "200", not an error status; use a status between 400 and 599, e.g. `admin: 500`"#
        ),
        (
            "  answers:\n    imports: 600\n",
            #"p.yaml:3:14: imports answers "600", not an error status; use a status between 400 and 599, e.g. `imports: 500`"#
        ),
        (
            "  answers:\n    cors_preflight: bad\n",
            #"p.yaml:3:21: cors_preflight answers "bad", not an error status; use a status between 400 and 599, e.g. `cors_preflight: 500`"#
        ),
        (
            "  answers:\n    signed_webhooks: {status: 500, sources: [hubspot, salesforce]}\n",
            #"p.yaml:3:55: unknown webhook source "salesforce"; use one of hubspot, zoho, odoo, retell, stripe"#
        ),
        (
            "  answers:\n    signed_webhooks: {status: 500, sources: []}\n",
            "p.yaml:3:45: sources is not a list of webhook sources; write e.g. `sources: [hubspot, zoho]`, or leave it out for every source"
        ),
        (
            "  answers:\n    signed_webhooks: {sources: [hubspot]}\n",
            "p.yaml:3:22: signed_webhooks has no status; add e.g. `status: 500`"
        ),
        (
            "  answers:\n    admin: {status: 500, sources: [hubspot]}\n",
            #"p.yaml:3:26: key "sources" does not apply to admin; write just the status, e.g. `admin: 500`; only signed_webhooks takes sources"#
        ),
        (
            "  answers: 500\n",
            "p.yaml:2:12: answers is not a mapping; map each route group to a status, e.g. `admin: 500`"
        ),
        (
            "  oauth_redirect_uri: app.example.com/oauth/callback\n",
            #"p.yaml:2:23: oauth_redirect_uri "app.example.com/oauth/callback" is not a URL; write an absolute URL, e.g. `oauth_redirect_uri: https://app.example.com/oauth/callback`"#
        ),
        (
            "  oauth_redirect_uri: ftp://app.example.com/cb\n",
            #"p.yaml:2:23: oauth_redirect_uri "ftp://app.example.com/cb" is not a URL; write an absolute URL, e.g. `oauth_redirect_uri: https://app.example.com/oauth/callback`"#
        ),
    ])
    func badValuesSayWhereAndHow(section: String, message: String) {
        #expect {
            try DeploymentFaultPlan.parse(yaml: "profile:\n" + section, fileName: "p.yaml", speed: 1)
        } throws: { error in
            "\(error)" == message
        }
    }
}
