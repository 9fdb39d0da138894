extension PrometheusReading {
    /// What a run stores for one condition asked at `steps` (real seconds since the run began): one reading per
    /// group and step, or one without a value saying why (Prometheus's error, no series, NaN). `index` maps a
    /// point's unix time to its position in `steps`.
    public static func readings(
        key: String, per: String?, promQL: String, source: String, steps: [Double],
        value: Result<PrometheusResult, PrometheusProblem>, samples: Result<PrometheusResult, PrometheusProblem>,
        index: (Double) -> Int
    ) -> [PrometheusReading] {
        func blank(_ at: Double, _ problem: PrometheusProblem) -> PrometheusReading {
            PrometheusReading(
                key: key, group: nil, at: at, value: nil, samples: 0, problem: problem.description, promQL: promQL,
                source: source)
        }
        let answered: PrometheusResult
        switch value {
        case .failure(let problem): return steps.map { blank($0, problem) }
        case .success(let result): answered = result
        }
        func byStep(_ result: PrometheusResult) -> [Int: [String?: Double]] {
            var table: [Int: [String?: Double]] = [:]
            for series in result.series {
                let group: String? = per.map { series.labels[$0] ?? "" }
                if group == "" { continue }
                for point in series.points {
                    let position = index(point.time)
                    if steps.indices.contains(position) { table[position, default: [:]][group] = point.value }
                }
            }
            return table
        }
        let values = byStep(answered)
        let counts: [Int: [String?: Double]]
        let countProblem: String?
        switch samples {
        case .success(let result): (counts, countProblem) = (byStep(result), nil)
        case .failure(let problem): (counts, countProblem) = ([:], "counting its samples failed: \(problem)")
        }
        var readings: [PrometheusReading] = []
        for (position, at) in steps.enumerated() {
            guard let groups = values[position], !groups.isEmpty else {
                readings.append(blank(at, .empty))
                continue
            }
            for (group, number) in groups.sorted(by: { ($0.key ?? "") < ($1.key ?? "") }) {
                let count = counts[position]?[group].flatMap { $0.isFinite ? Int($0.rounded()) : nil } ?? 0
                readings.append(
                    PrometheusReading(
                        key: key, group: group, at: at, value: number.isNaN ? nil : number, samples: count,
                        problem: number.isNaN ? PrometheusProblem.notANumber.description : countProblem,
                        promQL: promQL, source: source))
            }
        }
        return readings
    }
}
