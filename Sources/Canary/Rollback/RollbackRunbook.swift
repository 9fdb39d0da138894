import Foundation

/// The plan's rollback hooks as a runbook a person can follow by hand.
public struct RollbackRunbook: Sendable, Codable, Equatable {
    /// One step of the runbook.
    public struct Step: Sendable, Codable, Equatable {
        public var position: Int
        public var name: String
        /// `$ command` or `METHOD /path`.
        public var action: String
        public var timeoutSeconds: Double
    }

    public var steps: [Step]

    /// The runbook of `hooks`, in plan order.
    public init(_ hooks: [RollbackHook]) {
        steps = hooks.enumerated().map { index, hook in
            Step(position: index + 1, name: hook.name, action: Self.action(hook.action), timeoutSeconds: hook.timeout.seconds)
        }
    }

    /// The runbook line of an action.
    public static func action(_ action: RollbackHook.Action) -> String {
        switch action {
        case .command(let command): "$ \(command)"
        case .http(let method, let path): "\(method) \(path)"
        }
    }

    /// Numbered lines for a terminal or a log; HTTP steps name the backend they go to.
    public func lines(backend: String) -> [String] {
        steps.map { step in
            let action = step.action.hasPrefix("$ ") ? step.action : step.action.replacingOccurrences(
                of: " /", with: " \(backend)/", options: [], range: step.action.range(of: " /"))
            return "  \(step.position). \(step.name): \(action) (timeout \(DurationText.format(.seconds(step.timeoutSeconds))))"
        }
    }
}
