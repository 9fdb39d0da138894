import Yams

/// What every fault-plan reader shares: composing the YAML and reading its common scalars, each
/// failure a ``FaultPlanError`` that names the file, line and column.
///
/// The deployment's faults, its profile and the providers' faults are read with it, so a plan file
/// answers bad input the same way in every section.
package struct FaultPlanYAML: Sendable {
    /// The file name errors name.
    package let fileName: String

    package init(fileName: String) {
        self.fileName = fileName
    }

    /// Composes `yaml` into a node tree; `nil` for an empty document.
    package func compose(_ yaml: String) throws -> Node? {
        do {
            return try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw yamlError(error)
        }
    }

    /// Whether `node` is an empty or `null` scalar, which list and mapping sections read as nothing.
    package func isEmpty(_ node: Node) -> Bool {
        if case .scalar(let scalar) = node { return scalar.string.isEmpty || scalar.string == "null" }
        return false
    }

    /// A duration such as `250ms` or `10m`.
    package func duration(_ node: Node) throws -> Duration {
        guard let text = node.scalar?.string, let duration = FaultDuration.parse(text) else {
            throw error(
                at: node, "\(quoted(node)) is not a duration", hint: "write a number and a unit: " + FaultDuration.unitsList)
        }
        return duration
    }

    /// One of the fake CRMs by name.
    package func provider(_ node: Node) throws -> CRMProvider {
        guard let provider = node.scalar.flatMap({ CRMProvider(rawValue: $0.string) }) else {
            throw error(at: node, "unknown provider \(quoted(node))", hint: "use one of " + CRMProvider.namesList)
        }
        return provider
    }

    /// A fraction from 0 to 1; `hint` says what it is a fraction of.
    package func fraction(_ node: Node, name: String? = nil, hint: String = "use e.g. 0.2 for 20%") throws -> Double {
        guard let text = node.scalar?.string, let value = Double(text), value >= 0, value <= 1 else {
            let subject = name.map { "\($0) \(quoted(node))" } ?? quoted(node)
            throw error(at: node, "\(subject) is not a fraction between 0 and 1", hint: hint)
        }
        return value
    }

    /// Fails at the first key of a `kind` fault that is not in `allowed`.
    package func checkKeys(of mapping: Node.Mapping, allowed: [String], kind: String) throws {
        for key in mapping.keys where !allowed.contains(key.string ?? "") {
            throw error(
                at: key, "key \(quoted(key)) does not apply to a \(kind) fault",
                hint: "use one of " + allowed.joined(separator: ", "))
        }
    }

    /// A fault's window: `from` (default 0) and `until` (default never), plan time divided by `speed`;
    /// `until` must come after `from`.
    package func window(of mapping: Node.Mapping, speed: Double) throws -> (from: Duration, until: Duration?) {
        let from = try mapping["from"].map { try duration($0) / speed } ?? .zero
        let until = try mapping["until"].map { try duration($0) / speed }
        if let until, let untilNode = mapping["until"], until <= from {
            throw error(
                at: untilNode, "until is not after from", hint: "make the window end after it starts, or leave out until")
        }
        return (from, until)
    }

    /// The node's text in quotes, for messages.
    package func quoted(_ node: Node) -> String {
        "\"\(node.scalar?.string ?? "…")\""
    }

    /// An error at `node`'s line and column.
    package func error(at node: Node, _ message: String, hint: String) -> FaultPlanError {
        FaultPlanError(fileName: fileName, line: node.mark?.line, column: node.mark?.column, message: message, hint: hint)
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
