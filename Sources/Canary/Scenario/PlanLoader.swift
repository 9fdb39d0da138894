import Foundation
import Probes
import Yams

/// Reads a plan from YAML and validates it, reporting every problem with `file:line:column`.
///
/// ```swift
/// let plan = try PlanLoader.load(path: "scenarios/pilot.yaml")   // throws PlanInvalid
/// ```
public enum PlanLoader {
    static let topKeys = [
        "name", "description", "stop_on_critical", "probe_timeout", "target", "phases", "watch", "alerts",
        "gates", "rollback", "locations", "min_location_failed",
    ]
    static let targetKeys = [
        "backend_url", "frontend_url", "workspace_id", "providers", "healthy", "paths", "secrets", "signing",
        "oauth_mode", "required_scopes", "redirect_uri", "admin_auth", "crm_read", "metrics_format",
        "tls", "metrics_source",
    ]
    static let pathKeys = [
        "health", "crm_health", "metrics", "webhooks", "oauth_start", "oauth_refresh", "sync_status", "pause_sync",
        "replay", "imports", "import_status", "call_push",
    ]
    static let signingKeys = ["scheme", "secret", "header"]
    static let phaseKeys = ["name", "from", "until", "probes"]
    static let probeKeys = ["probe", "cadence", "timeout", "providers"]
    static let alertKeys = ["name", "level", "when", "min_samples", "per"]
    static let gateKeys = ["name", "require", "min_samples", "severity", "per"]
    static let hookKeys = ["name", "run", "http", "timeout"]
    static let knownProviders = ["hubspot", "zoho", "odoo"]

    /// Reads and validates the plan at `path`.
    public static func load(path: String) throws -> Plan {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw CanaryError.planUnreadable(path)
        }
        return try parse(text, file: path)
    }

    /// Validates plan text; `file` is used in problem locations.
    public static func parse(_ text: String, file: String) throws -> Plan {
        var reader = NodeReader(file: file)
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                reader.problem(at: nil, "the plan is empty", hint: "start from scenarios/pilot.yaml")
                throw PlanInvalid(diagnostics: reader.diagnostics)
            }
            root = node
        } catch let error as YamlError {
            throw PlanInvalid(diagnostics: [yamlDiagnostic(error, file: file)])
        }
        var builder = PlanBuilder(reader: reader)
        let plan = builder.build(root, source: text, file: file)
        guard let plan, builder.reader.diagnostics.isEmpty else {
            let sorted = builder.reader.diagnostics.sorted { ($0.line, $0.column) < ($1.line, $1.column) }
            throw PlanInvalid(diagnostics: sorted)
        }
        return plan
    }

    static func yamlDiagnostic(_ error: YamlError, file: String) -> Diagnostic {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let detail = context.map { "\(problem) \($0.text)" } ?? problem
            return Diagnostic(
                file: file, line: mark.line, column: mark.column, message: "not valid YAML: \(detail)",
                hint: "check indentation and quoting near this spot")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return Diagnostic(
                file: file, line: context.mark.line, column: context.mark.column,
                message: "duplicate keys \(duplicates.joined(separator: ", "))", hint: "keep one of each")
        default:
            return Diagnostic(file: file, line: 1, column: 1, message: "not valid YAML: \(error)", hint: nil)
        }
    }
}
