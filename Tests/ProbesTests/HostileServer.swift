import Foundation
import NIOCore
import NIOPosix

/// A loopback server that misbehaves on purpose, one way per path, so tests can check how each failure is named.
///
/// It speaks raw bytes rather than through an HTTP encoder, so it can send what no well-behaved server would.
enum HostileServer {
    /// One way of misbehaving; the request path is `/` followed by the raw value.
    enum Misbehaviour: String, CaseIterable, Sendable {
        case reset, stall, truncated
        case slowHeaders = "slow-headers", slowBody = "slow-body", hugeBody = "huge-body", gzipBomb = "gzip-bomb"
        case headerFlood = "header-flood", garbageStatus = "garbage-status", badStatusCode = "bad-status-code"
        case http10Close = "http10-close", redirectLoop = "redirect-loop", redirectLoopBack = "redirect-loop-back"
        case serverError = "server-error", tooManyRequests = "too-many-requests", notFound = "not-found"
        case badJSON = "bad-json", wrongJSONShape = "wrong-json-shape", badPrometheus = "bad-prometheus"
    }

    /// Runs `body` with the base URL of a hostile server on a free loopback port.
    static func with<T>(_ body: (String) async throws -> T) async throws -> T {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(HostileHandler()) }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        let port = channel.localAddress?.port ?? 0
        do {
            let result = try await body("http://127.0.0.1:\(port)")
            try await channel.close()
            return result
        } catch {
            try? await channel.close()
            throw error
        }
    }

    /// A loopback port nothing listens on: bound once, then closed.
    static func closedPort() async throws -> Int {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0).get()
        let port = channel.localAddress?.port ?? 0
        try await channel.close()
        return port
    }
}

/// Reads one request head, then misbehaves as its path asks.
private final class HostileHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private var received: [UInt8] = []
    private var busy = false

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !busy else { return }
        received += Array(buffer: unwrapInboundIn(data))
        if received.first == 0x16 {  // a TLS ClientHello: answer in plain text, as a server without TLS does
            busy = true
            write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n", context, close: true)
            return
        }
        guard let end = received.firstRange(of: Array("\r\n\r\n".utf8)) else { return }
        let head = String(decoding: received[..<end.lowerBound], as: UTF8.self)
        received.removeSubrange(..<end.upperBound)
        let path = head.split(separator: " ").dropFirst().first.map(String.init) ?? "/"
        guard let misbehaviour = HostileServer.Misbehaviour(rawValue: String(path.dropFirst())) else {
            write(Self.answer(404, "text/plain", "no such misbehaviour"), context)
            return
        }
        misbehave(misbehaviour, context)
    }

    private func misbehave(_ misbehaviour: HostileServer.Misbehaviour, _ context: ChannelHandlerContext) {
        switch misbehaviour {
        case .reset:
            busy = true
            let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
            let lingering = (context.channel as? any SocketOptionProvider)?.setSoLinger(linger(l_onoff: 1, l_linger: 0))
            (lingering ?? context.eventLoop.makeSucceededVoidFuture()).whenComplete { _ in bound.value.close(promise: nil) }
        case .stall:
            busy = true
        case .slowHeaders:
            busy = true
            write("HTTP/1.1 200 OK\r\n", context)
            drip("X-Slow: 1\r\n", context)
        case .slowBody:
            busy = true
            write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n", context)
            drip(" ", context)
        case .truncated:
            busy = true
            write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"status\":", context, close: true)
        case .hugeBody:
            busy = true
            let size = 9 << 20
            write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: \(size)\r\n\r\n", context)
            write(bytes: [UInt8](repeating: 0x20, count: size), context, close: true)
        case .gzipBomb:
            let bomb = GzipBomb.make(inflatedSize: 16 << 20)
            write(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: \(bomb.count)\r\n\r\n",
                context)
            write(bytes: bomb, context)
        case .headerFlood:
            busy = true
            let flood = (0..<2_000).map { "X-Flood-\($0): \(String(repeating: "f", count: 60))\r\n" }.joined()
            write("HTTP/1.1 200 OK\r\n" + flood + "Content-Length: 0\r\n\r\n", context, close: true)
        case .garbageStatus:
            busy = true
            write("HELLO THERE, THIS IS NOT HTTP\r\n\r\n", context, close: true)
        case .badStatusCode:
            busy = true
            write("HTTP/1.1 2x0 Maybe\r\nContent-Length: 0\r\n\r\n", context, close: true)
        case .http10Close:
            busy = true
            write("HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n{\"status\": \"ok\"}", context, close: true)
        case .redirectLoop:
            write("HTTP/1.1 302 Found\r\nLocation: /redirect-loop-back\r\nContent-Length: 0\r\n\r\n", context)
        case .redirectLoopBack:
            write("HTTP/1.1 302 Found\r\nLocation: /redirect-loop\r\nContent-Length: 0\r\n\r\n", context)
        case .serverError:
            write(Self.answer(500, "application/json", #"{"error": "internal"}"#), context)
        case .tooManyRequests:
            write(Self.answer(429, "application/json", #"{"error": "slow down"}"#, extra: "Retry-After: 30\r\n"), context)
        case .notFound:
            write(Self.answer(404, "application/json", #"{"error": "not_found"}"#), context)
        case .badJSON:
            write(Self.answer(200, "application/json", #"{"status": "ok""#), context)
        case .wrongJSONShape:
            write(Self.answer(200, "application/json", #"["ok"]"#), context)
        case .badPrometheus:
            write(Self.answer(200, "text/plain; version=0.0.4", "crm_sync_errors_total{provider=\"hubspot\" 1 2 3\n"), context)
        }
    }

    private static func answer(_ status: Int, _ type: String, _ body: String, extra: String = "") -> String {
        "HTTP/1.1 \(status) Scripted\r\nContent-Type: \(type)\r\n\(extra)Content-Length: \(body.utf8.count)\r\n\r\n\(body)"
    }

    private func write(_ text: String, _ context: ChannelHandlerContext, close: Bool = false) {
        write(bytes: Array(text.utf8), context, close: close)
    }

    private func write(bytes: [UInt8], _ context: ChannelHandlerContext, close: Bool = false) {
        let future = context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(bytes: bytes)))
        let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
        if close { future.whenComplete { _ in bound.value.close(promise: nil) } }
    }

    /// Writes `text` every 200 ms until the client goes away.
    private func drip(_ text: String, _ context: ChannelHandlerContext) {
        let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        context.eventLoop.scheduleTask(in: .milliseconds(200)) {
            let (handler, context) = bound.value
            guard context.channel.isActive else { return }
            handler.write(text, context)
            handler.drip(text, context)
        }
    }
}
