/// `frontend`: the frontend serves a non-empty page at `/`.
public struct FrontendProbe: Probe {
    public let id = "frontend"

    public init() {}

    public func run(in context: ProbeContext) async throws -> ProbeOutcome {
        guard let frontend = context.target.frontendURL else { return .unverified("no frontend URL: set FRONTEND_URL or target.frontend_url") }
        let base = frontend.hasSuffix("/") ? String(frontend.dropLast()) : frontend
        return try await probeAttempt {
            let response = try await context.send(.GET, url: base + "/")
            guard response.isSuccess else { return .fail(.httpStatus, "the frontend answered \(response.status)") }
            guard response.body.readableBytes > 0 else { return .fail(.badBody, "the frontend page is empty") }
            return .pass("frontend page of \(response.body.readableBytes) bytes")
        }
    }
}
