import Yams

extension ProviderFaultPlan {
    /// Parses one provider's faults sent at run time: a list of faults, or a mapping with `seed` and `faults`.
    /// JSON is YAML too, so `PUT /__fake/faults` takes either.
    /// - Throws: ``FaultPlanError`` naming `fileName`, line and column of the first problem.
    public static func parse(yaml: String, fileName: String, defaultSeed: UInt64 = 0) throws -> ProviderFaultPlan {
        let root = try FaultPlanYAML(fileName: fileName).compose(yaml)
        guard let root else { return ProviderFaultPlan(seed: defaultSeed) }
        return try ProviderFaultReader(fileName: fileName, speed: 1).readPlan(root, defaultSeed: defaultSeed)
    }
}

/// Reads provider faults from composed YAML: the `providers:` section of a fault plan, or a run-time body.
package struct ProviderFaultReader {
    static let kinds = ["latency", "errors", "rate-limit-storm", "outage", "slow-body", "truncated-body"]
    static let distributions = ["fixed", "uniform", "log-normal"]

    let yaml: FaultPlanYAML
    let speed: Double
    let delayScale: Double

    /// A reader whose plan-time windows (`from`, `until`, `ramp`) are divided by `speed`, and whose delays
    /// (latencies, a storm's `window`, a slow body's `interval`) by `delayScale`: 1 when they are real time.
    package init(fileName: String, speed: Double, delayScale: Double = 1) {
        self.yaml = FaultPlanYAML(fileName: fileName)
        self.speed = speed
        self.delayScale = delayScale
    }

    /// `providers:` → each provider's plan; a provider's value is a list of faults or `{seed, faults}`.
    package func readProviders(_ node: Node, defaultSeed: UInt64) throws -> [CRMProvider: ProviderFaultPlan] {
        if yaml.isEmpty(node) { return [:] }
        guard let mapping = node.mapping else {
            throw error(
                at: node, "providers is not a mapping",
                hint: "write e.g. `providers:` then `  hubspot:` with a list of faults under it")
        }
        var plans: [CRMProvider: ProviderFaultPlan] = [:]
        for (key, value) in mapping {
            plans[try yaml.provider(key)] = try readPlan(value, defaultSeed: defaultSeed)
        }
        return plans
    }

    /// One provider's plan: a list of faults, or a mapping with `seed` and `faults`.
    package func readPlan(_ node: Node, defaultSeed: UInt64) throws -> ProviderFaultPlan {
        if yaml.isEmpty(node) {
            return ProviderFaultPlan(seed: defaultSeed)
        }
        if let sequence = node.sequence {
            return ProviderFaultPlan(seed: defaultSeed, faults: try sequence.map(readFault))
        }
        guard let mapping = node.mapping else {
            throw error(at: node, "a provider's faults are not a list", hint: "write each fault as `- kind: …`")
        }
        var plan = ProviderFaultPlan(seed: defaultSeed)
        for (key, value) in mapping {
            switch key.string {
            case "seed":
                guard let text = value.scalar?.string, let seed = UInt64(text) else {
                    throw error(at: value, "seed \(quoted(value)) is not a whole number", hint: "use e.g. `seed: 7`")
                }
                plan.seed = seed
            case "faults":
                if yaml.isEmpty(value) { continue }
                guard let sequence = value.sequence else {
                    throw error(at: value, "faults is not a list", hint: "write each fault as `- kind: …`")
                }
                plan.faults = try sequence.map(readFault)
            default:
                throw error(at: key, "unknown key \(quoted(key))", hint: "use seed and faults")
            }
        }
        return plan
    }

    private func readFault(_ node: Node) throws -> ProviderFault {
        guard let mapping = node.mapping else {
            throw error(at: node, "a provider fault is not a mapping", hint: "write it as `- kind: latency`")
        }
        guard let kindNode = mapping["kind"] else {
            throw error(at: node, "the fault has no kind", hint: "add `kind:` with one of " + Self.kinds.joined(separator: ", "))
        }
        let kindName = kindNode.scalar?.string ?? ""
        guard Self.kinds.contains(kindName) else {
            throw error(
                at: kindNode, "unknown provider fault kind \(quoted(kindNode))",
                hint: "use one of " + Self.kinds.joined(separator: ", "))
        }
        try yaml.checkKeys(
            of: mapping, allowed: ["kind", "route", "rate", "from", "until"] + Self.extraKeys(for: kindName), kind: kindName)
        let (from, until) = try yaml.window(of: mapping, speed: speed)
        let route = try mapping["route"].map(route) ?? .any
        let rate = try mapping["rate"].map(fraction) ?? 1

        let kind: ProviderFault.Kind
        switch kindName {
        case "latency":
            kind = .latency(try latency(mapping, kindNode: kindNode))
        case "errors":
            guard let statusNode = mapping["status"] else {
                throw error(at: kindNode, "the errors fault has no status", hint: "add e.g. `status: 503`")
            }
            guard let text = statusNode.scalar?.string, let status = Int(text), (400...599).contains(status) else {
                throw error(at: statusNode, "status \(quoted(statusNode)) is not an HTTP error status", hint: "use 400 to 599")
            }
            kind = .errors(status: status)
        case "rate-limit-storm":
            let limit = try mapping["limit"].map { try count($0, minimum: 1) } ?? 100
            let floor = try mapping["floor"].map { try count($0, minimum: 0) } ?? 0
            if floor > limit, let floorNode = mapping["floor"] {
                throw error(at: floorNode, "floor is above limit", hint: "the limit shrinks from limit down to floor")
            }
            let window = try mapping["window"].map(positiveDuration).map { $0 / delayScale } ?? .seconds(10) / delayScale
            let ramp = try mapping["ramp"].map { try positiveDuration($0) / speed }
                ?? until.map { $0 - from } ?? .seconds(60) / speed
            kind = .rateLimitStorm(limit: limit, floor: floor, window: window, ramp: ramp)
        case "outage":
            let modeName = mapping["mode"]?.scalar?.string ?? "refuse"
            guard let mode = ProviderFault.OutageMode(rawValue: modeName) else {
                throw error(at: mapping["mode"]!, "unknown outage mode \(quoted(mapping["mode"]!))", hint: "use refuse or reset")
            }
            kind = .outage(mode)
        case "slow-body":
            let chunk = try mapping["chunk_bytes"].map { try count($0, minimum: 1) } ?? 64
            let interval = try mapping["interval"].map(delay) ?? .milliseconds(100) / delayScale
            kind = .slowBody(chunkBytes: chunk, interval: interval)
        default:
            kind = .truncatedBody(keep: try mapping["keep"].map(fraction) ?? 0.5)
        }
        return ProviderFault(kind, route: route, rate: rate, from: from, until: until)
    }

    private static func extraKeys(for kind: String) -> [String] {
        switch kind {
        case "latency": ["distribution", "delay", "min", "max", "median", "sigma"]
        case "errors": ["status"]
        case "rate-limit-storm": ["limit", "floor", "window", "ramp"]
        case "outage": ["mode"]
        case "slow-body": ["chunk_bytes", "interval"]
        case "truncated-body": ["keep"]
        default: []
        }
    }

    private func latency(_ mapping: Node.Mapping, kindNode: Node) throws -> LatencyDistribution {
        let name = mapping["distribution"]?.scalar?.string ?? "fixed"
        switch name {
        case "fixed":
            guard let delay = mapping["delay"] else {
                throw error(at: kindNode, "the fixed latency fault has no delay", hint: "add e.g. `delay: 300ms`")
            }
            return .fixed(try self.delay(delay))
        case "uniform":
            guard let low = mapping["min"], let high = mapping["max"] else {
                throw error(at: kindNode, "the uniform latency fault needs min and max", hint: "add e.g. `min: 50ms` and `max: 400ms`")
            }
            let (lower, upper) = (try delay(low), try delay(high))
            guard upper >= lower else { throw error(at: high, "max is below min", hint: "make max at least min") }
            return .uniform(min: lower, max: upper)
        case "log-normal":
            guard let median = mapping["median"] else {
                throw error(at: kindNode, "the log-normal latency fault has no median", hint: "add e.g. `median: 120ms`")
            }
            let sigma: Double
            if let sigmaNode = mapping["sigma"] {
                guard let text = sigmaNode.scalar?.string, let value = Double(text), value >= 0, value <= 5 else {
                    throw error(at: sigmaNode, "sigma \(quoted(sigmaNode)) is not a number from 0 to 5", hint: "use e.g. `sigma: 0.5`")
                }
                sigma = value
            } else {
                sigma = 0.5
            }
            return .logNormal(median: try delay(median), sigma: sigma, max: try mapping["max"].map(delay))
        default:
            throw error(
                at: mapping["distribution"]!, "unknown distribution \(quoted(mapping["distribution"]!))",
                hint: "use one of " + Self.distributions.joined(separator: ", "))
        }
    }

    private func route(_ node: Node) throws -> RoutePattern {
        guard let text = node.scalar?.string, let pattern = RoutePattern(text) else {
            throw error(
                at: node, "route \(quoted(node)) is not a route pattern",
                hint: "write an optional method and a path, e.g. `POST /crm/v3/objects/*` or `/oauth/**`")
        }
        return pattern
    }

    private func duration(_ node: Node) throws -> Duration {
        try yaml.duration(node)
    }

    /// A duration the fault waits, scaled like the plan's delays.
    private func delay(_ node: Node) throws -> Duration {
        try duration(node) / delayScale
    }

    private func positiveDuration(_ node: Node) throws -> Duration {
        let value = try duration(node)
        guard value > .zero else { throw error(at: node, "\(quoted(node)) is not longer than zero", hint: "use e.g. 10s") }
        return value
    }

    private func fraction(_ node: Node) throws -> Double {
        try yaml.fraction(node)
    }

    private func count(_ node: Node, minimum: Int) throws -> Int {
        guard let text = node.scalar?.string, let value = Int(text), value >= minimum else {
            throw error(at: node, "\(quoted(node)) is not a whole number of at least \(minimum)", hint: "use e.g. 100")
        }
        return value
    }

    private func quoted(_ node: Node) -> String {
        yaml.quoted(node)
    }

    private func error(at node: Node, _ message: String, hint: String) -> FaultPlanError {
        yaml.error(at: node, message, hint: hint)
    }
}
