import FakeSupport

/// What the faults in force do to one request.
struct FaultDecision: Sendable {
    /// Wait before handling.
    var delay: Duration = .zero
    /// Answer with this status instead of handling.
    var status: Int?
    /// Reset the connection before or after handling.
    var outage: ProviderFault.OutageMode?
    /// Send the body in chunks of this many bytes, this far apart.
    var slowBody: (chunkBytes: Int, interval: Duration)?
    /// Send only this fraction of the body, then reset.
    var truncateKeep: Double?
    /// Names of the faults that acted, for the journal, e.g. `latency`, `status 503`.
    var labels: [String] = []

    /// Whether nothing is to be done.
    var isEmpty: Bool { labels.isEmpty }
}
