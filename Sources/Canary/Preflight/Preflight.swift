import AsyncHTTPClient
import Foundation
import Probes

/// Checks, in seconds and before a two-hour run, that a plan can judge its target: what the environment lacks
/// (and so which probes would be unverified), and whether each URL the run needs answers at all.
///
/// ```swift
/// let report = await Preflight(plan: plan, backendURL: url, environment: env).check(http: http)
/// print(report.lines.joined(separator: "\n")); exit(report.ready ? 0 : 64)
/// ```
public struct Preflight: Sendable {
    public var plan: Plan
    /// The backend, if any source names one.
    public var backendURL: String?
    public var environment: [String: String]
    /// How long each URL gets to answer.
    public var timeout: Duration = .seconds(5)

    public init(plan: Plan, backendURL: String?, environment: [String: String]) {
        self.plan = plan
        self.backendURL = backendURL
        self.environment = environment
    }

    /// Resolves the plan against the environment, then reaches each URL once.
    public func check(http: HTTPClient) async -> PreflightReport {
        guard let backendURL else {
            return PreflightReport(
                plan: plan.name, target: nil,
                missing: [
                    .init(
                        need: "BACKEND_URL is not set (or pass --target URL, or set target.backend_url)",
                        probes: ["every probe"])
                ],
                reached: [])
        }
        let (target, secrets) = plan.target.resolve(backendURL: backendURL, environment: environment)
        var missing: [PreflightReport.Missing] = []
        for instance in probeInstances() {
            let unmet = ProbeCatalog.unmetNeeds(
                of: instance.probe, provider: instance.provider, target: target, secrets: secrets)
            for need in unmet {
                if let index = missing.firstIndex(where: { $0.need == need }) {
                    missing[index].probes.append(instance.description)
                } else {
                    missing.append(.init(need: need, probes: [instance.description]))
                }
            }
        }
        var urls = [("backend health", backendURL + target.paths.health)]
        if plan.runs("metrics.scrape") { urls.append(("metrics", backendURL + target.paths.metrics)) }
        if let frontend = target.frontendURL { urls.append(("frontend", frontend)) }
        if let prometheus = plan.target.metricsSource {
            let base = prometheus.url.hasSuffix("/") ? String(prometheus.url.dropLast()) : prometheus.url
            urls.append(("Prometheus (metrics source)", base + "/-/ready"))
        }
        for provider in target.crmRead.keys.sorted() where plan.target.providers.contains(provider) {
            if let access = target.crmRead[provider] { urls.append(("\(provider) API (read access)", access.baseURL)) }
        }
        // All at once: a refused connection costs the client's whole connect timeout.
        let reached = await withTaskGroup(of: (Int, PreflightReport.Reach).self) { group in
            for (index, (what, url)) in urls.enumerated() {
                group.addTask { (index, await reach(what, url, http: http)) }
            }
            var byIndex: [Int: PreflightReport.Reach] = [:]
            for await (index, reach) in group { byIndex[index] = reach }
            return urls.indices.compactMap { byIndex[$0] }
        }
        return PreflightReport(plan: plan.name, target: backendURL, missing: missing, reached: reached)
    }

    /// Every probe instance the plan schedules, in plan order, once each.
    func probeInstances() -> [ProbeKey] {
        var seen: Set<ProbeKey> = []
        var result: [ProbeKey] = []
        for spec in plan.watch + plan.phases.flatMap(\.probes) {
            let providers: [String?] = spec.providers.isEmpty ? [nil] : spec.providers
            for provider in providers {
                let key = ProbeKey(probe: spec.id, provider: provider)
                if seen.insert(key).inserted { result.append(key) }
            }
        }
        return result
    }

    /// One GET: any HTTP answer means the URL is reachable; what it answered is shown.
    private func reach(_ what: String, _ url: String, http: HTTPClient) async -> PreflightReport.Reach {
        let started = ContinuousClock.now
        do {
            var request = HTTPClientRequest(url: url)
            request.method = .GET
            let response = try await http.execute(request, timeout: .nanoseconds(timeout.nanoseconds))
            _ = try? await response.body.collect(upTo: 1 << 20)
            return .init(
                what: what, url: url, status: Int(response.status.code), problem: nil,
                seconds: (ContinuousClock.now - started).seconds)
        } catch {
            let failure = TransportFailure(error)
            return .init(
                what: what, url: url, status: nil,
                problem: "\(failure.errorClass): \(failure.sentence)",
                seconds: (ContinuousClock.now - started).seconds)
        }
    }
}

/// What a ``Preflight`` found.
public struct PreflightReport: Sendable, Equatable {
    /// Something the environment lacks, and the probe instances it would leave unverified.
    public struct Missing: Sendable, Equatable {
        public var need: String
        public var probes: [String]
    }

    /// One URL reached once.
    public struct Reach: Sendable, Equatable {
        public var what: String
        public var url: String
        /// The HTTP status it answered, or nil when it could not be reached.
        public var status: Int?
        public var problem: String?
        public var seconds: Double
    }

    public var plan: String
    public var target: String?
    public var missing: [Missing]
    public var reached: [Reach]

    /// Nothing is missing and every URL answered.
    public var ready: Bool { missing.isEmpty && reached.allSatisfy { $0.status != nil } }

    /// The report as a person reads it.
    public var lines: [String] {
        var lines = ["preflight of plan \(plan) against \(target ?? "no target")"]
        if missing.isEmpty {
            lines.append("✔ the environment has everything the plan's probes need")
        } else {
            lines.append("missing (\(missing.count)):")
            for item in missing {
                lines.append("  ✖ \(item.need); unverified: \(item.probes.joined(separator: ", "))")
            }
        }
        lines.append("reached:")
        for reach in reached {
            let took = QuantityText.format(reach.seconds, .seconds)
            lines.append(
                reach.status.map { "  ✔ \(reach.what): GET \(reach.url) answered \($0) in \(took)" }
                    ?? "  ✖ \(reach.what): GET \(reach.url) failed: \(reach.problem ?? "unknown")")
        }
        let unreachable = reached.count { $0.status == nil }
        lines.append(
            ready ? "ready: the run can judge every probe"
                : "not ready: \(missing.count) missing, \(unreachable) unreachable; fix these before a long run")
        return lines
    }
}
