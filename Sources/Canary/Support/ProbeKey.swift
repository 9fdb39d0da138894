/// A probe instance: the probe id and, for per-provider probes, the provider.
public struct ProbeKey: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var probe: String
    public var provider: String?

    public init(probe: String, provider: String?) {
        self.probe = probe
        self.provider = provider
    }

    public var description: String { provider.map { "\(probe) (\($0))" } ?? probe }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.probe, lhs.provider ?? "") < (rhs.probe, rhs.provider ?? "")
    }
}
