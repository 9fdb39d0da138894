import AsyncHTTPClient
import NIOCore
import NIOPosix

extension HTTPClient {
    /// Runs `body` with a client sized for probing (64 connections per host, no redirects followed by the client,
    /// TLS trusted as `tls` says), and always shuts it down.
    /// - Throws: ``ProbeTLSError`` when `tls` names a CA file that cannot be used.
    public static func withProbeClient<T: Sendable>(
        tls: ProbeTLS = ProbeTLS(), _ body: (HTTPClient) async throws -> T
    ) async throws -> T {
        var configuration = HTTPClient.Configuration()
        configuration.tlsConfiguration = try tls.clientConfiguration()
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 64
        configuration.timeout.connect = .seconds(5)
        // A refused connection or failed handshake is the attempt's answer; retrying until the connect timeout
        // would only make every such attempt take five seconds.
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.redirectConfiguration = .disallow
        configuration.decompression = .enabled(limit: .ratio(20))
        let client = HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton, configuration: configuration)
        do {
            let result = try await body(client)
            try await client.shutdown()
            return result
        } catch {
            try? await client.shutdown()
            throw error
        }
    }
}
