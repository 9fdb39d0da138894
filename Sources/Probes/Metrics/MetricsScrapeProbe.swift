/// `metrics.scrape`: reads the target's metrics (Prometheus text or JSON) and hands every sample to the alert rules.
public struct MetricsScrapeProbe: Probe {
    public let id = "metrics.scrape"

    public init() {}

    public func run(in context: ProbeContext) async throws -> ProbeOutcome {
        try await probeAttempt {
            let path = context.target.paths.metrics
            let response = try await context.send(.GET, path)
            guard response.status == 200 else {
                return .fail(.httpStatus, "GET \(path) answered \(response.status)")
            }
            if context.target.metricsFormat == .json {
                do {
                    let samples = try JSONMetrics.samples(from: response.body.readableBytesView)
                    return .pass("\(samples.count) samples", samples: samples)
                } catch {
                    return .fail(.metricsUnparseable, "\(path) is not a JSON metrics object")
                }
            }
            do {
                let families = try PrometheusText.parse(response.text)
                let samples = families.flatMap(\.samples)
                return .pass("\(families.count) families, \(samples.count) samples", samples: samples)
            } catch {
                return .fail(.metricsUnparseable, "\(path) is not Prometheus text: \(error)")
            }
        }
    }
}
