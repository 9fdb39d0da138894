import Canary
import Foundation
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Every format rebuilt from a real SQLite file: self-contained HTML, JUnit that an XML parser reads,
/// the runbook on rollback, and nothing that changes between two rebuilds.
@Suite struct ReportFormatsTests {
    static let plan = """
        name: mini
        phases:
          - name: warm-up
            from: 0m
            until: 1m
            probes:
              - probe: health
                cadence: 5s
          - name: main
            from: 1m
            until: 2m
        watch:
          - probe: metrics.scrape
            cadence: 10s
        gates:
          - name: health p95 under 50 ms
            require: probe_quantile(0.95, health[run]) < 50ms
            min_samples: 5
          - name: health answers
            require: probe_success_ratio(health[run]) >= 99%
            min_samples: 5
        rollback:
          - name: pause HubSpot sync
            http: POST /crm/admin/pause-sync?provider=hubspot&pause=true
          - name: roll the backend back
            run: railway rollback
            timeout: 5m
        """

    /// A finished rollback run with a failure, an alert and a finding, in a fresh database file.
    static func recordedRun() async throws -> (CanaryStore, String, String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("canary-report-\(UUID().uuidString)").path
        let store = try CanaryStore(path: folder + "/canary.sqlite")
        let id = "20261129-101530-beef"
        try await store.begin(
            RunRecord(
                id: id, planName: "mini", planPath: "mini.yaml", planSource: plan, target: "http://127.0.0.1:1", speed: 60,
                faults: nil, harnessVersion: "test", startedAt: Date(timeIntervalSince1970: 1_700_000_000), endedAt: nil,
                end: .unfinished, decision: nil, reasons: []))
        var results: [ProbeResult] = (0..<24).map { index in
            let at = Double(index) / 12
            return ProbeResult(
                probe: "health", provider: nil, phase: at < 1 ? "warm-up" : "main", intendedAt: at, startedAt: at,
                latency: 0.002 + Double(index % 5) / 1000, passed: index != 7, errorClass: index == 7 ? "http_status" : nil,
                detail: index == 7 ? "status 503 <b>&</b>" : "ok")
        }
        results.append(
            ProbeResult(
                probe: "webhook.send", provider: "hubspot", phase: "main", intendedAt: 1.5, startedAt: 1.5, latency: 0.05,
                passed: false, errorClass: "check", detail: "forged webhook accepted", finding: "forged webhook accepted"))
        try await store.append(results, to: id)
        let judgment = try await Judge(store: store).judge(runID: id, end: .stoppedOnCritical, reach: 2)
        try await store.finish(id, endedAt: Date(timeIntervalSince1970: 1_700_000_002), judgment: judgment)
        return (store, id, folder)
    }

    @Test func allFourFormatsRebuildIdentically() async throws {
        let (store, id, folder) = try await Self.recordedRun()
        let first = try await ReportWriter(store: store, directory: folder + "/a").write(runID: id)
        let second = try await ReportWriter(store: store, directory: folder + "/b").write(runID: id)
        for name in ReportWriter.fileNames {
            let a = try Data(contentsOf: URL(fileURLWithPath: first + "/" + name))
            let b = try Data(contentsOf: URL(fileURLWithPath: second + "/" + name))
            #expect(!a.isEmpty && a == b, "\(name) differs between rebuilds")
        }
    }

    @Test func htmlIsSelfContainedAndShowsTheEvidence() async throws {
        let (store, id, folder) = try await Self.recordedRun()
        let report = try await ReportBuilder(store: store).build(runID: id)
        let html = HTMLReport.render(report)
        for external in ["<script", "src=", "href=", "@import", "url(", "<link"] {
            #expect(!html.contains(external), "the page must not load \(external)")
        }
        #expect(html.contains(#"<header class="banner rollback"><h1>ROLLBACK</h1>"#))
        #expect(html.contains("webhook.send (hubspot) proved the release broken: forged webhook accepted"))
        #expect(html.contains("status 503 &lt;b&gt;&amp;&lt;/b&gt;"), "details are escaped")
        #expect(html.contains("<svg class=\"chart\"") && html.contains("class=\"line p95\""))
        #expect(html.contains("Rollback runbook") && html.contains("<code>$ railway rollback</code>"))
        #expect(html.contains("not measured"))
        #expect(html.contains("gate &quot;health p95 under 50 ms&quot;: p95 &lt; 50 ms"), "the gate's threshold line")
        _ = folder
    }

    @Test func markdownCarriesTheRunbookAndJSONItsSchema() async throws {
        let (store, id, _) = try await Self.recordedRun()
        let report = try await ReportBuilder(store: store).build(runID: id)
        let markdown = MarkdownReport.render(report)
        #expect(markdown.contains("## Rollback runbook"))
        #expect(markdown.contains("2. roll the backend back: `$ railway rollback` (timeout 5m)"))
        let json = try JSONSerialization.jsonObject(with: try JSONReport.render(report)) as! [String: Any]
        #expect(json["schemaVersion"] as? Int == RunReport.currentSchemaVersion)
        #expect((json["latencySeries"] as? [Any])?.count == 2, "health and webhook.send")
        #expect(json["latencyBreakdownMeasured"] as? Bool == false)
    }

    @Test func junitParsesWithOneCasePerGateAndProbeKind() async throws {
        let (store, id, _) = try await Self.recordedRun()
        let xml = JUnitReport.render(try await ReportBuilder(store: store).build(runID: id))
        let collector = JUnitCollector()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = collector
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        #expect(collector.suites == ["canary.decision", "canary.gates", "canary.probes"])
        #expect(collector.cases == [
            "decision is go", "health p95 under 50 ms", "health answers", "health", "webhook.send",
        ])
        #expect(collector.failures == ["rollback", "fail", "gate-missed", "broken-release"])
    }
}

/// Collects test suite and case names and failure types from JUnit XML.
final class JUnitCollector: NSObject, XMLParserDelegate, @unchecked Sendable {
    var suites: [String] = []
    var cases: [String] = []
    var failures: [String] = []

    func parser(
        _ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        switch element {
        case "testsuite": suites.append(attributes["name"] ?? "?")
        case "testcase": cases.append(attributes["name"] ?? "?")
        case "failure": failures.append(attributes["type"] ?? "?")
        default: break
        }
    }
}
