import Foundation

/// `cors`: the backend lets the frontend's origin call it, both on a preflight and on a simple request.
public struct CORSProbe: Probe {
    public let id = "cors"

    public init() {}

    public func run(in context: ProbeContext) async throws -> ProbeOutcome {
        guard let frontend = context.target.frontendURL, let origin = Self.origin(of: frontend) else {
            return .unverified("no frontend URL: set FRONTEND_URL or target.frontend_url")
        }
        return try await probeAttempt {
            let preflight = try await context.send(
                .OPTIONS, context.target.paths.crmHealth,
                headers: [
                    ("Origin", origin), ("Access-Control-Request-Method", "GET"),
                    ("Access-Control-Request-Headers", "authorization,content-type"),
                ])
            guard preflight.isSuccess else { return .fail(.httpStatus, "the CORS preflight answered \(preflight.status)") }
            if let problem = Self.allowOriginProblem(preflight, origin: origin, request: "preflight") {
                return .fail(.check, problem)
            }
            let methods = preflight.headers[canonicalForm: "Access-Control-Allow-Methods"].map { $0.uppercased() }
            guard methods.contains("GET") || methods.contains("*") else {
                return .fail(.check, "the CORS preflight does not allow GET")
            }
            let simple = try await context.send(.GET, context.target.paths.health, headers: [("Origin", origin)])
            if let problem = Self.allowOriginProblem(simple, origin: origin, request: "GET \(context.target.paths.health)") {
                return .fail(.check, problem)
            }
            return .pass("\(origin) allowed")
        }
    }

    /// `scheme://host[:port]` of a URL.
    static func origin(of url: String) -> String? {
        guard let components = URLComponents(string: url), let scheme = components.scheme, let host = components.host
        else { return nil }
        return "\(scheme)://\(host)\(components.port.map { ":\($0)" } ?? "")"
    }

    static func allowOriginProblem(_ response: ProbeResponse, origin: String, request: String) -> String? {
        let allowed = response.headers.first(name: "Access-Control-Allow-Origin")
        guard allowed == origin || allowed == "*" else {
            return "\(request) allows origin \(allowed.map { "\"\($0)\"" } ?? "none"), not \(origin)"
        }
        return nil
    }
}
