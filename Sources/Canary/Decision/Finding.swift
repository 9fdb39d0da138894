/// Attempts of one probe instance that proved the release broken in the same way.
public struct Finding: Sendable, Equatable, Codable {
    public var probe: String
    public var provider: String?
    /// What proved it, verbatim from the first such attempt.
    public var detail: String
    /// How many attempts found it.
    public var count: Int
    /// When the first of them finished, real seconds since the run began.
    public var at: Double

    public init(probe: String, provider: String? = nil, detail: String, count: Int = 1, at: Double = 0) {
        self.probe = probe
        self.provider = provider
        self.detail = detail
        self.count = count
        self.at = at
    }

    /// The probe instance.
    public var key: ProbeKey { ProbeKey(probe: probe, provider: provider) }
}
