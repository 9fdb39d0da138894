/// `health`: the backend answers `/health` with a healthy status and a running worker.
///
/// When the body says how the worker is, the probe also reports the sample
/// `canary_worker_up` (1 or 0) so that alert rules can watch it.
public struct HealthProbe: Probe {
    public let id = "health"

    public init() {}

    public func run(in context: ProbeContext) async throws -> ProbeOutcome {
        try await probeAttempt {
            let response = try await context.send(.GET, context.target.paths.health)
            guard (200..<300).contains(response.status) else {
                return .fail(.httpStatus, "GET \(context.target.paths.health) answered \(response.status)")
            }
            guard let body = response.jsonObject else {
                return .fail(.badBody, "health body is not a JSON object")
            }
            let workerUp = WorkerStatus.read(from: body)
            let samples = workerUp.map { [MetricSample(name: "canary_worker_up", labels: [:], value: $0 ? 1 : 0)] } ?? []
            if workerUp == false {
                return .fail(.workerDown, "the backend reports its worker is not running", samples: samples)
            }
            let status = (body["status"] as? String)?.lowercased()
            guard let status, context.target.healthyWords.contains(status) else {
                return .fail(.check, "health status is \(status.map { "\"\($0)\"" } ?? "missing")", samples: samples)
            }
            return .pass("status \(status)", samples: samples)
        }
    }
}

/// Reads the worker's state from the shapes health bodies use in practice.
enum WorkerStatus {
    static let upWords: Set<String> = ["up", "running", "ok", "healthy", "alive", "true"]

    /// `worker: {running: Bool}`, `worker: "up"`, `worker_running: Bool` or `worker_status: "up"`; nil when absent.
    static func read(from body: [String: Any]) -> Bool? {
        if let worker = body["worker"] as? [String: Any] {
            if let running = worker["running"] as? Bool { return running }
            if let status = worker["status"] as? String { return upWords.contains(status.lowercased()) }
        }
        if let worker = body["worker"] as? String { return upWords.contains(worker.lowercased()) }
        if let running = body["worker_running"] as? Bool { return running }
        if let status = body["worker_status"] as? String { return upWords.contains(status.lowercased()) }
        return nil
    }
}
