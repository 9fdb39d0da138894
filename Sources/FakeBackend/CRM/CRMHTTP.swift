import AsyncHTTPClient
import FakeSupport
import Foundation
import NIOCore
import NIOHTTP1

/// One call from the deployment to a CRM, with failures sorted the way the worker counts them.
enum CRMHTTP {
    /// Largest CRM answer read.
    static let maxBodyBytes = 4 << 20
    /// Per-call timeout.
    static let timeout: TimeAmount = .seconds(10)

    /// A CRM's answer: status and JSON body (`.null` when empty or not JSON).
    struct Answer: Sendable {
        var status: Int
        var json: JSONValue
    }

    /// Sends a request; 429 becomes `.rateLimited` (with `Retry-After`), unreachable `.connectionFailed`,
    /// and any status not in `accept` `.rejected`.
    static func send(
        _ method: HTTPMethod, _ url: String, headers: [(String, String)] = [], json: JSONValue? = nil,
        form: String? = nil, accept: Set<Int> = [200, 201, 202, 204, 207], what: String
    ) async throws -> Answer {
        var request = HTTPClientRequest(url: url)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let json {
            request.headers.replaceOrAdd(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: json.jsonBytes))
        } else if let form {
            request.headers.replaceOrAdd(name: "Content-Type", value: "application/x-www-form-urlencoded")
            request.body = .bytes(ByteBuffer(string: form))
        }
        let response: HTTPClientResponse
        let body: ByteBuffer
        do {
            response = try await HTTPClient.shared.execute(request, timeout: timeout)
            body = try await response.body.collect(upTo: maxBodyBytes)
        } catch {
            throw CRMSinkError(code: .connectionFailed, message: "\(what): \(error)")
        }
        let status = Int(response.status.code)
        if status == 429 {
            let wait = response.headers.first(name: "Retry-After").flatMap(Double.init).map { Duration.seconds($0) }
            throw CRMSinkError(code: .rateLimited, message: "\(what): 429 Too Many Requests", retryAfter: wait)
        }
        guard accept.contains(status) else {
            throw CRMSinkError(code: .rejected, message: "\(what): HTTP \(status) \(String(buffer: body).prefix(200))")
        }
        let json = body.readableBytes == 0 ? JSONValue.null : (try? JSONValue.parse(body.readableBytesView)) ?? .null
        return Answer(status: status, json: json)
    }
}
