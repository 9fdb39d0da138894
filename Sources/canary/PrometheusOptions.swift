import ArgumentParser
import Canary

/// `--prometheus URL`, shared by `run` and `resume`: evaluate the plan's metric rules through this Prometheus.
struct PrometheusOptions: ParsableArguments {
    @Option(
        name: .customLong("prometheus"),
        help: ArgumentHelp(
            "Prometheus base URL to evaluate metric alerts and gates through (overrides target.metrics_source's URL; its selector stays).",
            valueName: "url"))
    var url: String?

    func validate() throws {
        if let url, let problem = PrometheusSource.problem(withURL: url) { throw ValidationError(problem + ".") }
    }

    /// The plan with the command line's Prometheus over its `target.metrics_source`.
    /// - Throws: `ValidationError` when an alert over metrics looks back over `[run]`, which Prometheus cannot answer.
    func applied(to plan: Plan) throws -> Plan {
        guard let url else { return plan }
        let unanswerable = plan.alerts.filter { $0.condition.query.readsTargetMetrics && $0.condition.query.range == .run }
        if let rule = unanswerable.first {
            throw ValidationError(
                "--prometheus cannot evaluate alert \"\(rule.name)\", which looks back over [run]; "
                    + "use a trailing window such as [10m], or make it a gate.")
        }
        var plan = plan
        plan.target.metricsSource = PrometheusSource(url: url, selector: plan.target.metricsSource?.selector ?? [:])
        return plan
    }
}
