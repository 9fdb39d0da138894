import AsyncHTTPClient
import Crypto
import FakeBackend
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import Testing

/// A logger that drops everything, so test output stays readable.
package let quietLogger = Logger(label: "fakecrm.tests", factory: { _ in SwiftLogNoOpLogHandler() })

/// Fast settings for tests: short sink latency and backoff.
package func fastConfiguration(faults: DeploymentFaultPlan = .none, maxAttempts: Int = 5) -> FakeDeploymentConfiguration {
    var configuration = FakeDeploymentConfiguration()
    configuration.maxAttempts = maxAttempts
    configuration.retryBase = .milliseconds(5)
    configuration.sinkLatency = .milliseconds(1)
    configuration.workerPollInterval = .milliseconds(2)
    configuration.faults = faults
    for source in WebhookSource.allCases { configuration.profile.signing[source] = DeploymentProfile.Signing.none }
    return configuration
}

/// One HTTP answer, body as text.
package struct HTTPAnswer: Sendable {
    package let status: Int
    package let contentType: String?
    package let body: String
    /// Response headers by lowercased name (the last value when repeated).
    package var headers: [String: String] = [:]

    /// The body parsed as a JSON object.
    package func json() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
    }
}

/// Sends one request to a running deployment and reads the whole answer.
package func fetch(
    _ method: HTTPMethod = .GET, _ url: String, body: String? = nil, headers: [(String, String)] = [],
    contentType: String = "application/json", client: HTTPClient = .shared, timeout: TimeAmount = .seconds(5)
) async throws -> HTTPAnswer {
    var request = HTTPClientRequest(url: url)
    request.method = method
    for (name, value) in headers { request.headers.add(name: name, value: value) }
    if let body {
        request.headers.add(name: "Content-Type", value: contentType)
        request.body = .bytes(ByteBuffer(string: body))
    }
    let response = try await client.execute(request, timeout: timeout)
    let buffer = try await response.body.collect(upTo: 4 << 20)
    return HTTPAnswer(
        status: Int(response.status.code),
        contentType: response.headers.first(name: "Content-Type"),
        body: String(buffer: buffer),
        headers: Dictionary(response.headers.map { ($0.name.lowercased(), $0.value) }, uniquingKeysWith: { $1 })
    )
}

/// A webhook body in `provider`'s shape whose event id is `<provider>:<prefix>-<index>` (Zoho's differs).
package func webhookBody(provider: String, prefix: String, index: Int) -> String {
    switch provider {
    case "zoho": #"{"channel_id":"\#(prefix)","server_time":\#(index),"ids":["\#(index)"],"token":""}"#
    case "odoo": #"{"event_id":"\#(prefix)-\#(index)","record_id":\#(index)}"#
    default: #"[{"eventId":"\#(prefix)-\#(index)","objectId":\#(index)}]"#
    }
}

/// HubSpot v3 signature headers for a POST of `body` to `url` at `stamp` (Unix milliseconds).
package func signHubSpot(_ url: String, _ body: String, _ stamp: Int64, _ secret: String) -> [(String, String)] {
    let message = Array("POST\(url)\(body)\(stamp)".utf8)
    let mac = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: Array(secret.utf8)))
    return [("X-HubSpot-Signature-v3", Data(mac).base64EncodedString()), ("X-HubSpot-Request-Timestamp", String(stamp))]
}

/// Posts `count` webhooks for `provider`, each with its own event id `prefix-N`.
package func postWebhooks(
    _ count: Int, to deployment: RunningFakeDeployment, provider: String = "hubspot", prefix: String = "evt"
)
    async throws
{
    for index in 1...count {
        let answer = try await fetch(
            .POST, "\(deployment.baseURL)/crm/webhooks/\(provider)",
            body: webhookBody(provider: provider, prefix: prefix, index: index))
        #expect(answer.status == 200)
    }
}

/// Waits until `condition` holds, failing the test after `timeout`.
package func eventually(
    timeout: Duration = .seconds(5), _ what: String = "condition", sourceLocation: SourceLocation = #_sourceLocation,
    _ condition: @Sendable () async throws -> Bool
) async throws {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(10))
    }
    Issue.record("Timed out waiting for \(what).", sourceLocation: sourceLocation)
}

/// The value of one sample line in Prometheus text, e.g. `crm_sync_total{provider="zoho",outcome="success"}`.
package func sample(_ series: String, in text: String) -> Double? {
    for line in text.split(separator: "\n") where line.hasPrefix(series + " ") {
        return Double(line.dropFirst(series.count + 1))
    }
    return nil
}

/// The folder holding the example fault plans.
package let faultPlansFolder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("scenarios/faults")
