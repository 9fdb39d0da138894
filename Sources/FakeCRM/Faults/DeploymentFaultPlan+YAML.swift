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
    static let topLevelKeys = ["expect", "seed", "faults", "providers", "profile"]
    static let kinds = [
        "worker-stopped", "sync-errors", "webhook-latency", "refuse-connections", "accept-forged-webhooks",
        "import-drops-rows",
    ]
    static let syncErrorCodes: [String: CRMSinkError.Code] = [
        "rejected": .rejected, "rate-limited": .rateLimited, "connection-failed": .connectionFailed,
    ]

    let fileName: String
    let speed: Double

    init(fileName: String, speed: Double) {
        self.fileName = fileName
        self.speed = speed
    }

    mutating func read(_ yaml: String) throws -> DeploymentFaultPlan {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw yamlError(error)
        }
        guard let root else {
            throw FaultPlanError(
                fileName: fileName, line: 1, column: 1, message: "the fault plan is empty",
                hint: "start with `expect: go` and a `faults:` list (it may be `faults: []`)")
        }
        guard let mapping = root.mapping else {
            throw error(at: root, "the fault plan is not a mapping", hint: "use the keys expect, seed, faults and providers")
        }
        var plan = DeploymentFaultPlan()
        var providersNode: Node?
        for (key, value) in mapping {
            switch key.string {
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
                plan.profile = try DeploymentProfileReader(fileName: fileName).read(value)
            default:
                throw error(
                    at: key, "unknown key \(quoted(key))",
                    hint: "use one of " + Self.topLevelKeys.joined(separator: ", "))
            }
        }
        if let providersNode {
            plan.providers = try ProviderFaultReader(fileName: fileName, speed: speed)
                .readProviders(providersNode, defaultSeed: plan.seed)
        }
        return plan
    }

    private func readFaults(_ node: Node) throws -> [DeploymentFault] {
        if case .scalar(let scalar) = node, scalar.string.isEmpty || scalar.string == "null" { return [] }
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
        let allowed = ["kind", "from", "until"] + Self.extraKeys(for: kindName)
        for key in mapping.keys where !allowed.contains(key.string ?? "") {
            throw error(
                at: key, "key \(quoted(key)) does not apply to a \(kindName) fault",
                hint: "use one of " + allowed.joined(separator: ", "))
        }

        let from = try mapping["from"].map { try duration($0) / speed } ?? .zero
        let until = try mapping["until"].map { try duration($0) / speed }
        if let until, let untilNode = mapping["until"], until <= from {
            throw error(
                at: untilNode, "until is not after from",
                hint: "make the window end after it starts, or leave out until")
        }
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
            kind = .webhookLatency(delay: try duration(delayNode), jitter: jitter)
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
        guard let text = node.scalar?.string, let duration = FaultDuration.parse(text) else {
            throw error(
                at: node, "\(quoted(node)) is not a duration",
                hint: "write a number and a unit: " + FaultDuration.unitsList)
        }
        return duration
    }

    private func provider(_ node: Node) throws -> CRMProvider {
        guard let provider = node.scalar.flatMap({ CRMProvider(rawValue: $0.string) }) else {
            throw error(at: node, "unknown provider \(quoted(node))", hint: "use one of " + CRMProvider.namesList)
        }
        return provider
    }

    private func rate(_ node: Node) throws -> Double {
        guard let text = node.scalar?.string, let rate = Double(text), rate >= 0, rate <= 1 else {
            throw error(
                at: node, "rate \(quoted(node)) is not a fraction between 0 and 1",
                hint: "use e.g. `rate: 0.2` for 20% of jobs")
        }
        return rate
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
        "\"\(node.scalar?.string ?? "…")\""
    }

    private func error(at node: Node, _ message: String, hint: String) -> FaultPlanError {
        FaultPlanError(
            fileName: fileName, line: node.mark?.line, column: node.mark?.column, message: message, hint: hint)
    }

    private func yamlError(_ error: YamlError) -> FaultPlanError {
        let hint = "check the indentation and quoting around that point"
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return FaultPlanError(
                fileName: fileName, line: mark.line, column: mark.column, message: "invalid YAML: \(problem)",
                hint: hint)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return FaultPlanError(
                fileName: fileName, line: context.mark.line, column: context.mark.column,
                message: "duplicate key " + duplicates.map { "\"\($0)\"" }.joined(separator: ", "),
                hint: "write each key once per mapping")
        default:
            return FaultPlanError(fileName: fileName, message: "invalid YAML: \(error)", hint: hint)
        }
    }
}
