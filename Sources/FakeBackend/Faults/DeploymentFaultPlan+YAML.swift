import FakeSupport
import Foundation
import Yams

extension DeploymentFaultPlan {
    /// Loads a YAML fault plan; plan-time offsets (`from`, `until`) are divided by `speed`.
    /// - Throws: ``FaultPlanError`` naming the file, line and column of the first problem.
    public static func load(path: String, speed: Double) throws -> DeploymentFaultPlan {
        let fileName = URL(fileURLWithPath: path).lastPathComponent
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw FaultPlanError(
                fileName: path, message: "cannot read the fault plan",
                hint: "check that the file exists and is readable UTF-8 text")
        }
        return try parse(yaml: text, fileName: fileName, speed: speed)
    }

    /// Parses a YAML fault plan; plan-time offsets (`from`, `until`) are divided by `speed`.
    /// - Throws: ``FaultPlanError`` naming `fileName`, line and column of the first problem.
    public static func parse(yaml: String, fileName: String, speed: Double) throws -> DeploymentFaultPlan {
        guard speed.isFinite, speed > 0 else {
            throw FaultPlanError(
                fileName: fileName, message: "speed \(speed) is not a positive number",
                hint: "use 1 to run the plan in real time, 60 to run an hour in a minute")
        }
        var reader = FaultPlanReader(fileName: fileName, speed: speed)
        return try reader.read(yaml)
    }
}

/// Walks a composed YAML document and turns it into a plan, failing at the first problem.
private struct FaultPlanReader {
    static let topLevelKeys = ["expect", "seed", "time", "faults", "providers", "profile"]
    static let clocks = ["real", "plan"]
    static let kinds = [
        "worker-stopped", "sync-errors", "webhook-latency", "refuse-connections", "accept-forged-webhooks",
        "import-drops-rows",
    ]
    static let syncErrorCodes: [String: CRMSinkError.Code] = [
        "rejected": .rejected, "rate-limited": .rateLimited, "connection-failed": .connectionFailed,
    ]

    let yaml: FaultPlanYAML
    let speed: Double
    /// What the plan's delays are divided by: 1, or the speed once `time: plan` is read.
    var delayScale = 1.0

    init(fileName: String, speed: Double) {
        self.yaml = FaultPlanYAML(fileName: fileName)
        self.speed = speed
    }

    mutating func read(_ yaml: String) throws -> DeploymentFaultPlan {
        guard let root = try self.yaml.compose(yaml) else {
            throw FaultPlanError(
                fileName: self.yaml.fileName, line: 1, column: 1, message: "the fault plan is empty",
                hint: "start with `expect: go` and a `faults:` list (it may be `faults: []`)")
        }
        guard let mapping = root.mapping else {
            throw error(at: root, "the fault plan is not a mapping", hint: "use the keys expect, seed, faults and providers")
        }
        var plan = DeploymentFaultPlan()
        var providersNode: Node?
        // `time` decides how every delay below is read, wherever it stands in the file.
        if let clock = mapping["time"] {
            guard let name = clock.scalar?.string, Self.clocks.contains(name) else {
                throw error(
                    at: clock, "unknown time \(quoted(clock))",
                    hint: "use real (delays in real time, the default) or plan (delays in plan time, scaled by the speed)")
            }
            if name == "plan" {
                delayScale = speed
                plan.timeScale = speed
            }
        }
        for (key, value) in mapping {
            switch key.string {
            case "time":
                continue
            case "expect":
                guard let decision = value.scalar?.string, DeploymentFaultPlan.decisions.contains(decision) else {
                    throw error(
                        at: value, "unknown decision \(quoted(value))",
                        hint: "use one of " + DeploymentFaultPlan.decisions.joined(separator: ", "))
                }
                plan.expectedDecision = decision
            case "seed":
                guard let text = value.scalar?.string, let seed = UInt64(text) else {
                    throw error(at: value, "seed \(quoted(value)) is not a whole number", hint: "use e.g. `seed: 7`")
                }
                plan.seed = seed
            case "faults":
                plan.faults = try readFaults(value)
            case "providers":
                providersNode = value
            case "profile":
                plan.profile = try DeploymentProfileReader(yaml: self.yaml).read(value)
            default:
                throw error(
                    at: key, "unknown key \(quoted(key))",
                    hint: "use one of " + Self.topLevelKeys.joined(separator: ", "))
            }
        }
        if let providersNode {
            plan.providers = try ProviderFaultReader(fileName: self.yaml.fileName, speed: speed, delayScale: delayScale)
                .readProviders(providersNode, defaultSeed: plan.seed)
        }
        return plan
    }

    private func readFaults(_ node: Node) throws -> [DeploymentFault] {
        if yaml.isEmpty(node) { return [] }
        guard let sequence = node.sequence else {
            throw error(at: node, "faults is not a list", hint: "write each fault as `- kind: …`, or `faults: []`")
        }
        return try sequence.map(readFault)
    }

    private func readFault(_ node: Node) throws -> DeploymentFault {
        guard let mapping = node.mapping else {
            throw error(at: node, "a fault is not a mapping", hint: "write it as `- kind: worker-stopped`")
        }
        guard let kindNode = mapping["kind"] else {
            throw error(
                at: node, "the fault has no kind", hint: "add `kind:` with one of " + Self.kinds.joined(separator: ", ")
            )
        }
        let kindName = kindNode.scalar?.string ?? ""
        guard Self.kinds.contains(kindName) else {
            throw error(
                at: kindNode, "unknown fault kind \(quoted(kindNode))",
                hint: "use one of " + Self.kinds.joined(separator: ", "))
        }
        try yaml.checkKeys(of: mapping, allowed: ["kind", "from", "until"] + Self.extraKeys(for: kindName), kind: kindName)
        let (from, until) = try yaml.window(of: mapping, speed: speed)
        let provider = try mapping["provider"].map(provider)

        let kind: DeploymentFault.Kind
        switch kindName {
        case "worker-stopped":
            kind = .workerStopped
        case "refuse-connections":
            kind = .refuseConnections
        case "accept-forged-webhooks":
            kind = .acceptForgedWebhooks
        case "import-drops-rows":
            kind = .importDropsRows(rate: try mapping["rate"].map(rate) ?? 0.05)
        case "sync-errors":
            let rate = try mapping["rate"].map(rate) ?? 1
            let failingAttempts = try mapping["failing_attempts"].map(failingAttempts) ?? 1
            let code = try mapping["error"].map(syncErrorCode) ?? .rejected
            kind = .syncErrors(rate: rate, failingAttempts: failingAttempts, error: code)
        default:
            guard let delayNode = mapping["delay"] else {
                throw error(at: kindNode, "the webhook-latency fault has no delay", hint: "add e.g. `delay: 3s`")
            }
            let jitter = try mapping["jitter"].map(duration) ?? .zero
            kind = .webhookLatency(delay: try duration(delayNode) / delayScale, jitter: jitter / delayScale)
        }
        return DeploymentFault(kind, provider: provider, from: from, until: until)
    }

    private static func extraKeys(for kind: String) -> [String] {
        switch kind {
        case "sync-errors": ["rate", "failing_attempts", "error", "provider"]
        case "webhook-latency": ["delay", "jitter", "provider"]
        case "import-drops-rows": ["rate", "provider"]
        default: []
        }
    }

    private func duration(_ node: Node) throws -> Duration {
        try yaml.duration(node)
    }

    private func provider(_ node: Node) throws -> CRMProvider {
        try yaml.provider(node)
    }

    private func rate(_ node: Node) throws -> Double {
        try yaml.fraction(node, name: "rate", hint: "use e.g. `rate: 0.2` for 20% of jobs")
    }

    private func failingAttempts(_ node: Node) throws -> Int {
        guard let text = node.scalar?.string, let count = Int(text), count >= 1 else {
            throw error(
                at: node, "failing_attempts \(quoted(node)) is not a whole number of at least 1",
                hint: "use 1 for a transient error, or at least the worker's max attempts to dead-letter")
        }
        return count
    }

    private func syncErrorCode(_ node: Node) throws -> CRMSinkError.Code {
        guard let code = node.scalar.flatMap({ Self.syncErrorCodes[$0.string] }) else {
            throw error(
                at: node, "unknown sync error \(quoted(node))",
                hint: "use one of " + Self.syncErrorCodes.keys.sorted().joined(separator: ", "))
        }
        return code
    }

    private func quoted(_ node: Node) -> String {
        yaml.quoted(node)
    }

    private func error(at node: Node, _ message: String, hint: String) -> FaultPlanError {
        yaml.error(at: node, message, hint: hint)
    }
}
