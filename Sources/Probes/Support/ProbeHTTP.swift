import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// A fully read answer from the target.
public struct ProbeResponse: Sendable {
    /// HTTP status code.
    public var status: Int
    /// Response headers.
    public var headers: HTTPHeaders
    /// The body, read up to ``ProbeContext/maxBodyBytes``.
    public var body: ByteBuffer

    /// The body as UTF-8 text.
    public var text: String { String(buffer: body) }
}

extension ProbeContext {
    /// Largest body a probe reads; a larger answer is a `bad_body` failure, not a memory blow-up.
    public static let maxBodyBytes = 8 * 1024 * 1024

    /// Sends one request to the backend at `path` (which may carry a query) and reads the whole answer.
    public func send(
        _ method: HTTPMethod,
        _ path: String,
        headers: [(String, String)] = [],
        body: ByteBuffer? = nil,
        baseURL: String? = nil
    ) async throws -> ProbeResponse {
        var request = HTTPClientRequest(url: (baseURL ?? target.backendURL) + path)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(body) }
        let response = try await http.execute(request, timeout: .nanoseconds(Int64(timeout.nanoseconds)))
        let bytes = try await response.body.collect(upTo: Self.maxBodyBytes)
        return ProbeResponse(status: Int(response.status.code), headers: response.headers, body: bytes)
    }
}

extension ProbeContext {
    /// Sends one request to an absolute URL, such as a provider's authorize page.
    public func send(
        _ method: HTTPMethod, url: String, headers: [(String, String)] = [], body: ByteBuffer? = nil
    ) async throws -> ProbeResponse {
        try await send(method, "", headers: headers, body: body, baseURL: url)
    }
}

extension ProbeResponse {
    /// Whether the status is 2xx.
    public var isSuccess: Bool { (200..<300).contains(status) }

    /// The `error` word of a JSON error body, e.g. `invalid_state`, for details.
    public var errorWord: String? { jsonObject?["error"] as? String }
}

/// Runs `attempt` and turns any error from the wire into a failed outcome, so probes stay short.
public func probeAttempt(_ attempt: () async throws -> ProbeOutcome) async throws -> ProbeOutcome {
    do {
        return try await attempt()
    } catch let failure as ProbeFailure {
        return failure.outcome
    } catch is CancellationError {
        throw CancellationError()
    } catch {
        return .fail(ErrorClass.classify(error), "request failed: \(String(describing: error))")
    }
}
