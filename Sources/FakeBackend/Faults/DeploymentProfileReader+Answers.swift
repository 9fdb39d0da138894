import Yams

extension DeploymentProfileReader {
    /// The route groups `answers:` can fix, by their YAML names.
    static let routeGroups = ["signed_webhooks", "admin", "cors_preflight", "imports"]

    /// Reads `answers:`: each route group to a status, or to `{status: 500}`; `signed_webhooks` also takes `sources`.
    func answers(_ node: Node) throws -> DeploymentProfile.Answers {
        guard let mapping = node.mapping else {
            throw error(
                at: node, "answers is not a mapping", hint: "map each route group to a status, e.g. `admin: 500`")
        }
        var answers = DeploymentProfile.Answers()
        for (key, value) in mapping {
            let group = key.string ?? ""
            guard Self.routeGroups.contains(group) else {
                throw error(
                    at: key, "unknown route group \"\(group)\"",
                    hint: "use one of " + Self.routeGroups.joined(separator: ", "))
            }
            let (status, sources) = try answer(value, group: group)
            switch group {
            case "signed_webhooks":
                answers.signedWebhooks = status
                if let sources { answers.signedWebhookSources = sources }
            case "admin": answers.admin = status
            case "cors_preflight": answers.corsPreflight = status
            default: answers.imports = status
            }
        }
        return answers
    }

    /// One group's answer: a status, or a mapping with `status` and, for `signed_webhooks`, `sources`.
    private func answer(_ node: Node, group: String) throws -> (status: Int, sources: Set<WebhookSource>?) {
        guard let mapping = node.mapping else { return (try status(node, group: group), nil) }
        let allowed = group == "signed_webhooks" ? ["status", "sources"] : ["status"]
        for key in mapping.keys where !allowed.contains(key.string ?? "") {
            let hint =
                group == "signed_webhooks"
                ? "write `{status: 500, sources: [hubspot, zoho]}`"
                : "write just the status, e.g. `\(group): 500`; only signed_webhooks takes sources"
            throw error(at: key, "key \"\(key.string ?? "")\" does not apply to \(group)", hint: hint)
        }
        guard let statusNode = mapping["status"] else {
            throw error(at: node, "\(group) has no status", hint: "add e.g. `status: 500`")
        }
        return (try status(statusNode, group: group), try mapping["sources"].map(sources))
    }

    private func status(_ node: Node, group: String) throws -> Int {
        guard let text = node.scalar?.string, let status = Int(text), (400...599).contains(status) else {
            throw error(
                at: node, "\(group) answers \"\(node.scalar?.string ?? "…")\", not an error status",
                hint: "use a status between 400 and 599, e.g. `\(group): 500`")
        }
        return status
    }

    private func sources(_ node: Node) throws -> Set<WebhookSource> {
        guard let sequence = node.sequence, !sequence.isEmpty else {
            throw error(
                at: node, "sources is not a list of webhook sources",
                hint: "write e.g. `sources: [hubspot, zoho]`, or leave it out for every source")
        }
        var sources = Set<WebhookSource>()
        for item in sequence {
            guard let source = item.scalar.flatMap({ WebhookSource(rawValue: $0.string) }) else {
                throw error(
                    at: item, "unknown webhook source \"\(item.scalar?.string ?? "…")\"",
                    hint: "use one of " + WebhookSource.namesList)
            }
            sources.insert(source)
        }
        return sources
    }
}
