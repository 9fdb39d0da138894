import FakeBackend
import FakeTestSupport
import HummingbirdTesting
import NIOCore
import Testing

@Suite struct RouterTests {
    @Test func syncStatusInProcess() async throws {
        let deployment = FakeDeployment(configuration: fastConfiguration(), logger: quietLogger)
        try await deployment.makeApplication().test(.router) { client in
            try await client.execute(
                uri: "/crm/webhooks/odoo", method: .post, body: ByteBuffer(string: #"{"event_id":7,"record_id":7}"#)
            ) {
                #expect($0.status == .ok)
                #expect(String(buffer: $0.body).contains(#""event_ids":["odoo:7"]"#))
            }
            try await client.execute(uri: "/crm/admin/pause-sync?provider=odoo&pause=true", method: .post) {
                #expect($0.status == .ok)
            }
            try await client.execute(uri: "/crm/admin/sync-status", method: .get) {
                #expect($0.status == .ok)
                #expect($0.headers[.contentType]?.hasPrefix("application/json") == true)
            }
        }
        #expect(deployment.state.isPaused(.odoo))
    }

    @Test func liveServerAnswersHealth() async throws {
        let deployment = FakeDeployment(configuration: fastConfiguration(), logger: quietLogger)
        try await deployment.makeApplication().test(.live) { client in
            try await client.execute(uri: "/crm/health?provider=zoho", method: .get) {
                #expect($0.status == .ok)
                #expect(String(buffer: $0.body).contains(#""provider":"zoho""#))
            }
        }
    }
}
