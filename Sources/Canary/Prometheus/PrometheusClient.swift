import AsyncHTTPClient
import Foundation
import NIOCore
import Probes

/// Asks a Prometheus server's HTTP API: `/api/v1/query` for an instant, `/api/v1/query_range` for a grid of steps.
///
/// ```swift
/// let result = try await PrometheusClient(baseURL: "http://127.0.0.1:9090", http: http)
///     .query("sum(dlq_size)", at: Date().timeIntervalSince1970)
/// ```
public struct PrometheusClient: Sendable {
    /// The server's base URL, without `/api/v1`.
    public var baseURL: String
    public var http: HTTPClient
    /// How long one query may take.
    public var timeout: Duration = .seconds(10)
    /// The largest answer read.
    static let maxBodyBytes = 32 << 20

    public init(baseURL: String, http: HTTPClient) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.http = http
    }

    /// The value of `expression` at unix time `time`.
    /// - Throws: ``PrometheusProblem`` naming what went wrong.
    public func query(_ expression: String, at time: Double) async throws(PrometheusProblem) -> PrometheusResult {
        try await get("/api/v1/query", ["query": expression, "time": Self.seconds(time)])
    }

    /// The value of `expression` at `start`, `start + step`, … up to `end` (unix seconds).
    /// - Throws: ``PrometheusProblem`` naming what went wrong.
    public func queryRange(
        _ expression: String, start: Double, end: Double, step: Double
    ) async throws(PrometheusProblem) -> PrometheusResult {
        try await get(
            "/api/v1/query_range",
            ["query": expression, "start": Self.seconds(start), "end": Self.seconds(end), "step": Self.seconds(step)])
    }

    private func get(_ path: String, _ parameters: [String: String]) async throws(PrometheusProblem) -> PrometheusResult {
        let query = parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.encoded($0.value))" }
        var request = HTTPClientRequest(url: baseURL + path + "?" + query.joined(separator: "&"))
        request.method = .GET
        request.headers.add(name: "Accept", value: "application/json")
        let status: UInt
        let body: Data
        do {
            let response = try await http.execute(request, timeout: .nanoseconds(timeout.nanoseconds))
            status = response.status.code
            body = Data(try await response.body.collect(upTo: Self.maxBodyBytes).readableBytesView)
        } catch {
            let failure = TransportFailure(error)
            throw .unreachable(baseURL, "\(failure.errorClass): \(failure.sentence)")
        }
        guard (200..<300).contains(status) else {
            // Prometheus explains a refused query in its JSON body, with 400, 422 or 503.
            do { _ = try PrometheusResult.parse(body) } catch { throw .httpStatus(status, error.refusal) }
            throw .httpStatus(status, nil)
        }
        return try PrometheusResult.parse(body)
    }

    /// Unix seconds with millisecond precision, as Prometheus reads them.
    static func seconds(_ value: Double) -> String { String(format: "%.3f", value) }

    private static func encoded(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
