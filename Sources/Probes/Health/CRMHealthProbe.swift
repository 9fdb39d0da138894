/// `crm.health`: `/crm/health?provider=…` reports the provider's integration healthy.
public struct CRMHealthProbe: Probe {
    public let id = "crm.health"
    public let provider: String?

    public init(provider: String) { self.provider = provider }

    public func run(in context: ProbeContext) async throws -> ProbeOutcome {
        let provider = self.provider ?? ""
        return try await probeAttempt {
            let path = "\(context.target.paths.crmHealth)?provider=\(provider)"
            let response = try await context.send(.GET, path)
            guard (200..<300).contains(response.status) else {
                return .fail(.httpStatus, "GET \(context.target.paths.crmHealth) for \(provider) answered \(response.status)")
            }
            guard let body = response.jsonObject else {
                return .fail(.badBody, "CRM health body for \(provider) is not a JSON object")
            }
            let status = (body["status"] as? String)?.lowercased()
            guard let status, context.target.crmHealthyWords.contains(status) else {
                return .fail(.check, "\(provider) status is \(status.map { "\"\($0)\"" } ?? "missing")")
            }
            return .pass("\(provider) \(status)")
        }
    }
}
