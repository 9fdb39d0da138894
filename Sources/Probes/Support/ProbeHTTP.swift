import Foundation
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
    /// Largest body a probe reads; a larger answer is a `body_too_large` failure, not a memory blow-up.
    public static let maxBodyBytes = 8 * 1024 * 1024
    /// Most redirects a `GET` follows before it is a `redirect_loop`, as browsers and k6 cap them.
    public static let maxRedirects = 5

    /// Sends one request to the backend at `path` (which may carry a query) and reads the whole answer.
    ///
    /// A `GET` or `HEAD` follows up to ``maxRedirects`` redirects unless `followRedirects` is false (the
    /// OAuth probes read each hop themselves); a redirect back to a URL already visited is a `redirect_loop`.
    public func send(
        _ method: HTTPMethod,
        _ path: String,
        headers: [(String, String)] = [],
        body: ByteBuffer? = nil,
        baseURL: String? = nil,
        followRedirects: Bool = true
    ) async throws -> ProbeResponse {
        let url = (baseURL ?? target.backendURL) + path
        var response = try await fetch(method, url, headers: headers, body: body)
        guard followRedirects, method == .GET || method == .HEAD else { return response }
        var visited = [url]
        while (300..<400).contains(response.status), let location = response.headers.first(name: "Location"),
            let next = URL(string: location, relativeTo: URL(string: visited[visited.count - 1]))?.absoluteString
        {
            if visited.contains(next) || visited.count > Self.maxRedirects {
                let hops = (visited + [next]).map { shortURL($0) }.joined(separator: " → ")
                throw ProbeFailure.fail(.redirectLoop, "\(method.rawValue) \(shortURL(url)) redirects in a loop: \(hops)")
            }
            let sameHost = URL(string: next)?.host == URL(string: url)?.host
            visited.append(next)
            response = try await fetch(method, next, headers: sameHost ? headers : [], body: nil)
        }
        return response
    }

    /// One request and its whole answer, no redirects followed.
    private func fetch(
        _ method: HTTPMethod, _ url: String, headers: [(String, String)], body: ByteBuffer?
    ) async throws -> ProbeResponse {
        var request = HTTPClientRequest(url: url)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(body) }
        let deadline = ContinuousClock.now + timeout
        let response = try await http.execute(request, timeout: .nanoseconds(Int64(timeout.nanoseconds)))
        let bytes = try await Self.collect(response.body, until: deadline)
        return ProbeResponse(status: Int(response.status.code), headers: response.headers, body: bytes)
    }

    /// Reads a whole body, giving up at `deadline`: the client's own deadline ends with the headers.
    private static func collect(
        _ body: HTTPClientResponse.Body, until deadline: ContinuousClock.Instant
    ) async throws -> ByteBuffer {
        try await withThrowingTaskGroup(of: ByteBuffer?.self) { group in
            group.addTask { try await body.collect(upTo: maxBodyBytes) }
            group.addTask {
                try await Task.sleep(until: deadline)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let bytes = first else {
                throw TransportFailure(.timeout, "the body did not arrive in full within the probe's timeout")
            }
            return bytes
        }
    }

    /// A URL as a report shows it: the path alone when it is the backend's own.
    private func shortURL(_ url: String) -> String {
        url.hasPrefix(target.backendURL) ? String(url.dropFirst(target.backendURL.count)) : url
    }
}

extension ProbeContext {
    /// Sends one request to an absolute URL, such as a provider's authorize page.
    public func send(
        _ method: HTTPMethod, url: String, headers: [(String, String)] = [], body: ByteBuffer? = nil,
        followRedirects: Bool = true
    ) async throws -> ProbeResponse {
        try await send(method, "", headers: headers, body: body, baseURL: url, followRedirects: followRedirects)
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
        let failure = TransportFailure(error)
        return .fail(failure.errorClass, failure.sentence)
    }
}
