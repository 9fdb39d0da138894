import AsyncHTTPClient
import Canary
import FakeBackend
import Foundation
import Logging
import NIOSSL
import Probes
import Testing

/// The pilot over HTTPS with a private CA.
///
/// One of the serialized ``EndToEndTests``: its go rests on a real-time latency gate (webhook effect
/// p95 under 2 s), which a fault matrix running beside it on two cores pushed past 3 s in CI.
extension EndToEndTests {
    @Suite(.timeLimit(.minutes(4))) struct TLSPilotTests {
        @Test func thePilotOverTLSWithAPrivateCADecidesGo() async throws {
            let authority = try TestCertificateAuthority()
            let caFile = try authority.writePEM(in: EndToEnd.temporaryFolder())
            // At the fault matrix's speed, which decides the clean pilot go over plain HTTP.
            let (summary, _, _) = try await EndToEnd.runPilot(
                faults: nil, speed: 120, serverTLS: try authority.serverConfiguration(), probeTLS: ProbeTLS(caFile: caFile))
            #expect(summary.outcome.decision == .go, "\(summary.headline)")
            let markdown = try String(contentsOfFile: summary.reportFolder + "/report.md", encoding: .utf8)
            #expect(markdown.contains("| target | https://127.0.0.1:"))
            #expect(markdown.contains("| TLS | trusts the CA in \(caFile) besides the system's |"))
            #expect(!markdown.contains("Warning:"))
        }
    }
}

/// The certificates a real deployment gets wrong, and a CA file that is not one. Each check is a
/// single request, so these run beside the serialized suites.
@Suite(.timeLimit(.minutes(2))) struct TLSEndToEndTests {
    @Test func expiredWrongHostAndUnknownCertificatesAreTLSFailures() async throws {
        let authority = try TestCertificateAuthority()
        let caFile = try authority.writePEM(in: EndToEnd.temporaryFolder())
        let trusting = ProbeTLS(caFile: caFile)
        let expired = try authority.serverConfiguration(validFrom: Date() - 7200, validUntil: Date() - 3600)
        let otherHost = try authority.serverConfiguration(hosts: ["api.example.com"])
        let valid = try authority.serverConfiguration()

        let expiredOutcome = try await Self.health(serving: expired, trusting)
        #expect(expiredOutcome.errorClass == .tls)
        #expect(expiredOutcome.detail.hasPrefix("the target's certificate is not trusted: expired"))
        let otherHostOutcome = try await Self.health(serving: otherHost, trusting)
        #expect(otherHostOutcome.errorClass == .tls)
        #expect(otherHostOutcome.detail == "the target's certificate does not name its host")
        let unknownCA = try await Self.health(serving: valid, ProbeTLS())
        #expect(unknownCA.errorClass == .tls, "without --ca-file the private CA is unknown")
        let insecure = try await Self.health(serving: expired, ProbeTLS(insecureSkipVerify: true))
        #expect(insecure.errorClass == nil, "insecure_skip_verify accepts even an expired certificate: \(insecure.detail)")
        let good = try await Self.health(serving: valid, trusting)
        #expect(good.errorClass == nil, "\(good.detail)")
    }

    @Test func aCAFileThatIsNotPEMIsAUsageError() async throws {
        let folder = EndToEnd.temporaryFolder()
        try "not a certificate".write(toFile: folder + "/bad.pem", atomically: true, encoding: .utf8)
        let result = try await EndToEnd.canary([
            "run", "--target", "https://127.0.0.1:9", "--ca-file", folder + "/bad.pem", "--db", folder + "/c.sqlite",
            "--out", folder + "/reports",
        ])
        #expect(result.status == 64)
        #expect(result.output.contains("CA file \(folder)/bad.pem holds no PEM certificate"))
    }

    /// One `health` attempt against a fake deployment serving `tls`.
    private static func health(serving tls: TLSConfiguration, _ probeTLS: ProbeTLS) async throws -> ProbeOutcome {
        var configuration = FakeDeploymentConfiguration()
        configuration.tls = tls
        return try await withFakeDeployment(configuration, logger: EndToEnd.logger) { deployment in
            try await HTTPClient.withProbeClient(tls: probeTLS) { http in
                let context = ProbeContext(
                    http: http, target: ProbeTarget(backendURL: deployment.baseURL, workspaceID: "w"),
                    timeout: .seconds(5), logger: EndToEnd.logger)
                return try await HealthProbe().run(in: context)
            }
        }
    }
}
