import NIOCore
import NIOHTTP1

extension ProbeContext {
    /// How long to wait after a 429 before asking again, unless `Retry-After` asks for longer.
    public static let rateLimitBackoff: Duration = .milliseconds(200)

    /// Sends one request to a CRM's API, retrying after a 429 while the deadline allows.
    /// - Throws: ``ProbeFailure`` (`http_status`) for any answer outside `accepting`, or a 429 past the deadline.
    func sendToCRM(
        _ method: HTTPMethod, _ path: String, baseURL: String, headers: [(String, String)], body: [UInt8]? = nil,
        vendor: String, deadline: ProbeDeadline, accepting: Set<Int> = [200]
    ) async throws -> ProbeResponse {
        let contentType: [(String, String)] = body == nil ? [] : [("Content-Type", "application/json")]
        while true {
            let response = try await send(
                method, path, headers: headers + contentType, body: body.map { ByteBuffer(bytes: $0) }, baseURL: baseURL)
            if response.status == 429 {
                let asked = response.headers.first(name: "Retry-After").flatMap(Double.init).map { Duration.seconds($0) }
                let wait = max(Self.rateLimitBackoff, asked ?? .zero)
                if ContinuousClock.now + wait < deadline.end {
                    try await Task.sleep(for: wait)
                    continue
                }
            }
            guard accepting.contains(response.status) else {
                let name = path.split(separator: "?").first.map(String.init) ?? path
                throw ProbeFailure.fail(.httpStatus, "\(vendor) \(method.rawValue) \(name) answered \(response.status)")
            }
            return response
        }
    }
}
