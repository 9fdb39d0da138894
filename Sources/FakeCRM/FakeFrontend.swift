import FakeBackend
import FakeSupport
import Hummingbird
import Logging

/// The frontend's stand-in: one page, as a static host serves a single-page app.
enum FakeFrontend {
    static let page = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>CRM integrations</title></head>
        <body><div id="root">CRM integrations</div></body></html>
        """

    /// Serves the page on loopback for the duration of `body`, handing it the frontend's base URL.
    static func run<T: Sendable>(host: String, logger: Logger, _ body: @Sendable (String) async throws -> T)
        async throws -> T
    {
        let router = Router()
        router.get("/") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: page)))
        }
        return try await withLoopbackService(
            logger: logger,
            notStarted: { FakeDeploymentError(message: "The fake frontend did not start on \(host).", hint: nil) },
            makeService: { onServerRunning in
                Application(
                    router: router, configuration: .init(address: .hostname(host, port: 0), serverName: "fakecrm-frontend"),
                    onServerRunning: onServerRunning, logger: logger)
            }
        ) { port in try await body(loopbackURL(host: host, port: port)) }
    }
}
