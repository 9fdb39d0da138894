import Foundation
import Logging
import Probes
import Synchronization
import Testing

/// `admin.kill-switch` against a scripted backend whose pause either holds sync or does not.
@Suite struct KillSwitchProbeTests {
    /// Whether sync is paused, as the stub last heard.
    final class PauseState: Sendable {
        let paused = Mutex(false)
    }

    static func backend(_ state: PauseState, holds: Bool) -> StubServer.Handler {
        { request in
            let path = request.uri.split(separator: "?").first.map(String.init) ?? ""
            let query = Dictionary(
                (URLComponents(string: request.uri)?.queryItems ?? []).map { ($0.name, $0.value ?? "") },
                uniquingKeysWith: { $1 })
            switch (request.method, path) {
            case (.POST, "/crm/admin/pause-sync"):
                guard request.headers.first(name: "Authorization") == "Bearer adm" else { return .init(status: .unauthorized) }
                state.paused.withLock { $0 = query["pause"] == "true" }
                return .init(body: #"{"provider":"odoo","paused":\#(query["pause"] ?? "")}"#)
            case (.POST, "/crm/webhooks/odoo"):
                return .init(body: #"{"accepted":true,"event_ids":["odoo:e1"],"duplicate":false}"#)
            case (.GET, "/crm/admin/sync-status"):
                let paused = state.paused.withLock { $0 }
                let eventState = paused && holds ? "queued" : "synced"
                return .init(
                    body: #"{"providers":{"odoo":{"paused":\#(paused)}},"event":{"id":"odoo:e1","state":"\#(eventState)","attempts":1,"replays":0}}"#)
            default:
                return .init(status: .notFound)
            }
        }
    }

    static func run(holds: Bool) async throws -> (ProbeOutcome, pausedAfter: Bool) {
        let state = PauseState()
        let outcome = try await StubServer.with(backend(state, holds: holds)) { base in
            let context = ProbeContext(
                http: .shared, target: ProbeTarget(backendURL: base, workspaceID: "w", adminAuthSecret: "ADMIN"),
                timeout: .seconds(5), secrets: ProbeSecrets(["ADMIN": Secret("adm")]), logger: Logger(label: "test"))
            return try await KillSwitchProbe(provider: "odoo").run(in: context)
        }
        return (outcome, state.paused.withLock { $0 })
    }

    @Test func aHoldingPauseQueuesTheEventAndResumes() async throws {
        let (outcome, pausedAfter) = try await Self.run(holds: true)
        #expect(outcome.passed, "\(outcome.detail)")
        #expect(!pausedAfter)
    }

    @Test func aPauseThatDoesNotHoldBreaksTheReleaseAndStillResumes() async throws {
        let (outcome, pausedAfter) = try await Self.run(holds: false)
        #expect(outcome.finding == "the kill switch did not hold odoo sync")
        #expect(!pausedAfter)
    }
}
