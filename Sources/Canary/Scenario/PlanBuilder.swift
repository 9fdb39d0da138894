import Probes
import Yams

/// Turns a YAML tree into a ``Plan``, recording every problem in its reader.
struct PlanBuilder {
    var reader: NodeReader

    mutating func build(_ root: Node, source: String, file: String) -> Plan? {
        guard let top = reader.mapping(root, "the plan", allowed: PlanLoader.topKeys) else { return nil }
        let name = reader.string(top, "name", in: "the plan", requiredAt: root) ?? ""
        let target = top["target"].map { buildTarget($0) } ?? defaultTarget()
        let defaultTimeout = reader.duration(top["probe_timeout"], "probe_timeout", in: "the plan") ?? .seconds(10)
        var stopOnCritical = true
        if let node = top["stop_on_critical"] {
            if let flag = node.bool { stopOnCritical = flag } else { reader.problem(at: node, "stop_on_critical must be true or false") }
        }
        var phases: [PhaseSpec] = []
        if let node = top["phases"] {
            phases = (reader.sequence(node, "phases") ?? []).compactMap { buildPhase($0, target: target) }
        } else {
            reader.problem(at: root, "the plan has no phases", hint: "add a `phases:` list with from/until offsets")
        }
        checkPhaseOrder(phases, node: top["phases"])
        let watch = top["watch"].map { node in
            (reader.sequence(node, "watch") ?? []).compactMap { buildProbe($0, in: "watch", target: target) }
        } ?? []
        let probeIDs = Set((phases.flatMap(\.probes) + watch).map(\.id))
        let alerts = top["alerts"].map { node in
            (reader.sequence(node, "alerts") ?? []).compactMap { alertNode -> AlertRule? in
                let rule = buildAlert(alertNode, probeIDs: probeIDs)
                if let rule, target.metricsSource != nil { checkPrometheusWindow(rule, at: alertNode) }
                return rule
            }
        } ?? []
        let gates = top["gates"].map { node in
            (reader.sequence(node, "gates") ?? []).compactMap { buildGate($0, probeIDs: probeIDs) }
        } ?? []
        let rollback = top["rollback"].map { node in
            (reader.sequence(node, "rollback") ?? []).compactMap { buildHook($0) }
        } ?? []
        var plan = Plan(
            name: name, sourcePath: file, source: source, target: target, phases: phases, watch: watch,
            alerts: alerts, gates: gates, rollback: rollback, stopOnCritical: stopOnCritical,
            defaultTimeout: defaultTimeout)
        buildLocations(top, into: &plan)
        return plan
    }

    /// `locations: [eu-west, us-east]` and `min_location_failed: 2`.
    private mutating func buildLocations(_ top: [String: Node], into plan: inout Plan) {
        if let node = top["locations"] {
            for item in reader.sequence(node, "locations") ?? [] {
                if let name = item.string, RunLocation.isValidName(name), !plan.locations.contains(name) {
                    plan.locations.append(name)
                } else {
                    reader.problem(
                        at: item, "locations must list distinct names of letters, digits, -, _ and .",
                        hint: "e.g. locations: [eu-west, us-east]")
                }
            }
        }
        if let node = top["min_location_failed"] {
            if let count = node.int, count >= 1 {
                plan.minLocationFailed = count
            } else {
                reader.problem(
                    at: node, "min_location_failed must be a whole number of at least 1",
                    hint: "e.g. min_location_failed: 2 counts a failure only when two locations see it at once")
            }
        }
    }

    private mutating func buildPhase(_ node: Node, target: TargetSpec) -> PhaseSpec? {
        guard let map = reader.mapping(node, "a phase", allowed: PlanLoader.phaseKeys) else { return nil }
        let name = reader.string(map, "name", in: "a phase", requiredAt: node) ?? "?"
        let what = "phase \"\(name)\""
        let start = reader.duration(map["from"], "from", in: what)
        let end = reader.duration(map["until"], "until", in: what)
        if map["from"] == nil { reader.problem(at: node, "\(what) is missing \"from\"", hint: "e.g. from: 15m") }
        if map["until"] == nil { reader.problem(at: node, "\(what) is missing \"until\"", hint: "e.g. until: 45m") }
        if let start, let end, end <= start {
            reader.problem(at: map["until"], "\(what) ends before it starts", hint: "until must be later than from")
        }
        let probes = map["probes"].map { probesNode in
            (reader.sequence(probesNode, "probes of \(what)") ?? []).compactMap {
                buildProbe($0, in: what, target: target)
            }
        } ?? []
        guard let start, let end else { return nil }
        return PhaseSpec(name: name, start: start, end: end, probes: probes)
    }

    private mutating func checkPhaseOrder(_ phases: [PhaseSpec], node: Node?) {
        for (earlier, later) in zip(phases, phases.dropFirst()) where later.start < earlier.end {
            reader.problem(
                at: node, "phase \"\(later.name)\" starts before phase \"\(earlier.name)\" ends",
                hint: "list phases in time order without overlap")
        }
    }

    private mutating func buildProbe(_ node: Node, in what: String, target: TargetSpec) -> ProbeSpec? {
        guard let map = reader.mapping(node, "a probe entry of \(what)", allowed: PlanLoader.probeKeys) else {
            return nil
        }
        guard let id = reader.string(map, "probe", in: "a probe entry of \(what)", requiredAt: node) else {
            return nil
        }
        guard let kind = ProbeCatalog.kinds[id] else {
            let guess = NodeReader.closest(to: id, in: ProbeCatalog.ids).map { "did you mean \"\($0)\"? " } ?? ""
            reader.problem(
                at: map["probe"], "unknown probe \"\(id)\"",
                hint: "\(guess)known probes: \(ProbeCatalog.ids.joined(separator: ", "))")
            return nil
        }
        var cadence = Cadence.once
        if let cadenceNode = map["cadence"] {
            if let text = cadenceNode.string, let parsed = Cadence.parse(text) {
                cadence = parsed
            } else {
                reader.problem(
                    at: cadenceNode, "cadence \"\(cadenceNode.string ?? "")\" of probe \(id) is not valid",
                    hint: "write an interval (30s), a rate (6/m) or once")
            }
        } else {
            reader.problem(at: node, "probe \(id) in \(what) has no cadence", hint: "add cadence: 30s, 6/m or once")
        }
        let timeout = reader.duration(map["timeout"], "timeout", in: "probe \(id)")
        let providers = buildProviders(map["providers"], entry: node, id: id, kind: kind, target: target)
        return ProbeSpec(id: id, cadence: cadence, timeout: timeout, providers: providers)
    }

    private mutating func buildAlert(_ node: Node, probeIDs: Set<String>) -> AlertRule? {
        guard let map = reader.mapping(node, "an alert rule", allowed: PlanLoader.alertKeys) else { return nil }
        let name = reader.string(map, "name", in: "an alert rule", requiredAt: node) ?? "?"
        var level: AlertRule.Level?
        if let text = reader.string(map, "level", in: "alert \"\(name)\"", requiredAt: node) {
            level = AlertRule.Level(rawValue: text)
            if level == nil {
                reader.problem(at: map["level"], "alert level \"\(text)\" is not valid", hint: "use warning or critical")
            }
        }
        let what = "alert \"\(name)\""
        let condition = buildCondition(map["when"], key: "when", owner: node, what: what, probeIDs: probeIDs)
        let minSamples = buildMinSamples(map["min_samples"], what: what)
        guard let level, let condition else { return nil }
        return AlertRule(
            name: name, level: level, condition: condition, minSamples: minSamples,
            per: buildPer(map["per"], condition: condition, what: what))
    }

    /// Prometheus answers an alert on a grid of fixed windows, so an alert over metrics through Prometheus needs a
    /// trailing window; `[run]` is for gates.
    private mutating func checkPrometheusWindow(_ rule: AlertRule, at node: Node) {
        guard rule.condition.query.readsTargetMetrics, rule.condition.query.range == .run else { return }
        reader.problem(
            at: node, "alert \"\(rule.name)\" looks back over [run], which Prometheus cannot evaluate as an alert",
            hint: "use a trailing window such as [10m], or make it a gate")
    }

    private mutating func buildGate(_ node: Node, probeIDs: Set<String>) -> Gate? {
        guard let map = reader.mapping(node, "a gate", allowed: PlanLoader.gateKeys) else { return nil }
        let name = reader.string(map, "name", in: "a gate", requiredAt: node) ?? "?"
        let what = "gate \"\(name)\""
        let minSamples = buildMinSamples(map["min_samples"], what: what)
        var severity = Severity.warning
        if let text = reader.string(map, "severity", in: what) {
            if let value = Severity(rawValue: text) {
                severity = value
            } else {
                reader.problem(
                    at: map["severity"], "severity \"\(text)\" of \(what) is not valid",
                    hint: "use critical (missed means rollback) or warning (missed means fix-and-retest, the default)")
            }
        }
        let condition = buildCondition(map["require"], key: "require", owner: node, what: what, probeIDs: probeIDs)
        guard let condition else { return nil }
        return Gate(
            name: name, condition: condition, minSamples: minSamples, severity: severity,
            per: buildPer(map["per"], condition: condition, what: what))
    }

    private mutating func buildMinSamples(_ node: Node?, what: String) -> Int {
        guard let node else { return 1 }
        guard let value = node.int, value >= 1 else {
            reader.problem(at: node, "min_samples of \(what) must be a whole number ≥ 1")
            return 1
        }
        return value
    }

    /// The label a rule is judged per: `provider` or `probe` over probe results, any label over metrics.
    private mutating func buildPer(_ node: Node?, condition: Condition, what: String) -> String? {
        guard let node else { return nil }
        guard let label = node.string, node.scalar != nil, !label.isEmpty else {
            reader.problem(at: node, "per of \(what) must be a label name", hint: "e.g. per: provider")
            return nil
        }
        if condition.query.readsProbes, !["provider", "probe"].contains(label) {
            reader.problem(
                at: node, "\(what) reads probe results, which can be split per provider or per probe, not \"\(label)\"",
                hint: "use per: provider or per: probe")
            return nil
        }
        return label
    }

    private mutating func buildCondition(
        _ node: Node?, key: String, owner: Node, what: String, probeIDs: Set<String>
    ) -> Condition? {
        guard let node else {
            reader.problem(at: owner, "\(what) is missing \"\(key)\"", hint: "e.g. \(key): increase(crm_sync_errors_total[5m]) > 0")
            return nil
        }
        guard let text = node.string else {
            reader.problem(at: node, "\"\(key)\" of \(what) must be text")
            return nil
        }
        do {
            let condition = try ConditionParser.parse(text)
            checkProbeReference(condition.query, node: node, what: what, probeIDs: probeIDs)
            return condition
        } catch {
            reader.problem(at: node, offset: error.offset, "\(what): \(error.message)", hint: error.hint)
            return nil
        }
    }

    private mutating func checkProbeReference(_ query: Query, node: Node, what: String, probeIDs: Set<String>) {
        let selector: Selector
        switch query {
        case .probeFailures(let probe, _), .probeSuccessRatio(let probe, _), .probeQuantile(_, let probe, _),
            .latencyRegressions(let probe, _):
            selector = probe
        default: return
        }
        if !probeIDs.contains(where: selector.matchesName) {
            reader.problem(
                at: node, "\(what) refers to probe \"\(selector.name)\", which the plan never runs",
                hint: "plan probes: \(probeIDs.sorted().joined(separator: ", "))")
        }
    }

    private mutating func buildHook(_ node: Node) -> RollbackHook? {
        guard let map = reader.mapping(node, "a rollback step", allowed: PlanLoader.hookKeys) else { return nil }
        let name = reader.string(map, "name", in: "a rollback step", requiredAt: node) ?? "?"
        let timeout = reader.duration(map["timeout"], "timeout", in: "rollback step \"\(name)\"") ?? .seconds(60)
        if let command = reader.string(map, "run", in: "rollback step \"\(name)\"") {
            return RollbackHook(name: name, action: .command(command), timeout: timeout)
        }
        if let call = reader.string(map, "http", in: "rollback step \"\(name)\"") {
            let parts = call.split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2, ["GET", "POST", "PUT", "PATCH", "DELETE"].contains(parts[0]), parts[1].hasPrefix("/") else {
                reader.problem(at: map["http"], "http step \"\(call)\" is not METHOD /path", hint: "e.g. POST /crm/admin/pause-sync?provider=hubspot&pause=true")
                return nil
            }
            return RollbackHook(name: name, action: .http(method: parts[0], path: parts[1]), timeout: timeout)
        }
        reader.problem(at: node, "rollback step \"\(name)\" has neither run: nor http:", hint: "add run: COMMAND or http: METHOD /path")
        return nil
    }
}
