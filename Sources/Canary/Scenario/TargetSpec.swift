import Probes

/// The `target:` section of a plan: where the deployment is and how it speaks.
public struct TargetSpec: Sendable {
    /// Backend base URL, literal or from an environment variable; `--target` overrides it.
    public var backendURL: ValueSource?
    /// Frontend base URL, for CORS and frontend probes.
    public var frontendURL: ValueSource?
    /// Workspace the canary acts for.
    public var workspaceID: ValueSource?
    /// CRM providers the deployment integrates with.
    public var providers: [String]
    /// Endpoint paths.
    public var paths: ProbeTarget.Paths
    /// Status words the target uses for "healthy".
    public var healthyWords: Set<String>
    /// Environment variables holding secrets the probes need (names only).
    public var secretNames: [String]
}

/// A plan value written literally or as `env:NAME`.
public enum ValueSource: Sendable, Equatable, CustomStringConvertible {
    /// Written in the plan.
    case literal(String)
    /// Read from this environment variable.
    case environment(String)

    /// Reads `env:NAME` as an environment reference, anything else as a literal.
    public init(_ text: String) {
        if text.hasPrefix("env:") {
            self = .environment(String(text.dropFirst(4)))
        } else {
            self = .literal(text)
        }
    }

    /// The value, looked up in `environment` when it is a reference.
    public func resolve(in environment: [String: String]) -> String? {
        switch self {
        case .literal(let value): value
        case .environment(let name): environment[name].flatMap { $0.isEmpty ? nil : $0 }
        }
    }

    public var description: String {
        switch self {
        case .literal(let value): value
        case .environment(let name): "env:\(name)"
        }
    }
}
