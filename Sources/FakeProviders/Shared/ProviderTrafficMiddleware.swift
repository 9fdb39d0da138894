import Hummingbird
import NIOCore

/// Journals every vendor request and applies the provider's faults to it; `/__fake/…` passes untouched.
struct ProviderTrafficMiddleware: RouterMiddleware {
    typealias Context = ProviderRequestContext

    let provider: any FakeProvider
    let controls: ProviderControls

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let path = request.uri.path
        if path.hasPrefix(ProviderApplication.inspectionPrefix) { return try await next(request, context) }
        let arrived = ContinuousClock.now
        let method = request.method.rawValue
        let decision = controls.faults.decide(method: method, path: path, at: arrived)
        var status = 0
        defer {
            controls.journal.record(
                method: method, pathAndQuery: request.uri.description,
                headers: request.headers,
                status: status, arrivedAt: arrived, answeredAt: .now,
                fault: decision.isEmpty ? nil : decision.labels.joined(separator: ", "))
        }
        guard !decision.isEmpty else {
            do {
                let response = try await next(request, context)
                status = Int(response.status.code)
                return response
            } catch let error as any HTTPResponseError {
                status = Int(error.status.code)
                throw error
            }
        }

        if decision.delay > .zero { try await Task.sleep(for: decision.delay) }
        if decision.outage == .refuse { throw ConnectionReset.now(context.channel) }
        var response: Response
        if let injected = decision.status {
            response = provider.faultResponse(status: .init(code: injected), for: request)
        } else {
            response = try await next(request, context)
        }
        if decision.outage == .reset { throw ConnectionReset.now(context.channel) }
        status = Int(response.status.code)
        if let keep = decision.truncateKeep {
            response.body = try await Self.truncated(response.body, keep: keep, channel: context.channel)
        } else if let slow = decision.slowBody {
            response.body = try await Self.slowed(response.body, chunkBytes: slow.chunkBytes, interval: slow.interval)
        }
        return response
    }

    /// A body announcing its full length but ending early with a reset connection.
    private static func truncated(_ body: ResponseBody, keep: Double, channel: any Channel) async throws
        -> ResponseBody
    {
        let whole = try await collect(body)
        let kept = whole.getSlice(at: whole.readerIndex, length: Int(Double(whole.readableBytes) * keep)) ?? ByteBuffer()
        return ResponseBody(contentLength: whole.readableBytes) { writer in
            try await writer.write(kept)
            throw ConnectionReset.now(channel)
        }
    }

    /// The same body, sent a chunk at a time with pauses.
    private static func slowed(_ body: ResponseBody, chunkBytes: Int, interval: Duration) async throws -> ResponseBody {
        let whole = try await collect(body)
        return ResponseBody(contentLength: whole.readableBytes) { writer in
            var rest = whole
            while rest.readableBytes > 0 {
                let chunk = rest.readSlice(length: min(max(chunkBytes, 1), rest.readableBytes))!
                try await writer.write(chunk)
                if rest.readableBytes > 0 { try await Task.sleep(for: interval) }
            }
            try await writer.finish(nil)
        }
    }

    private static func collect(_ body: ResponseBody) async throws -> ByteBuffer {
        let collector = CollectingBodyWriter()
        try await body.write(collector)
        return collector.box.buffer
    }
}

/// A response body writer that keeps everything written, to reshape it.
private struct CollectingBodyWriter: ResponseBodyWriter {
    final class Box {
        var buffer = ByteBuffer()
    }
    let box = Box()

    mutating func write(_ buffer: ByteBuffer) async throws {
        var buffer = buffer
        box.buffer.writeBuffer(&buffer)
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
}

/// The error a fault throws after resetting the connection, so nothing more is written.
struct ConnectionReset: Error {
    /// Resets `channel` with a TCP RST (SO_LINGER 0) and answers the error to throw.
    static func now(_ channel: any Channel) -> ConnectionReset {
        if let socket = channel as? any SocketOptionProvider {
            _ = socket.setSoLinger(NIOLinger(l_onoff: 1, l_linger: 0))
        }
        channel.close(mode: .all, promise: nil)
        return ConnectionReset()
    }
}
