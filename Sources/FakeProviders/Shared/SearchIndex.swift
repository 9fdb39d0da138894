import Synchronization

/// How far a vendor's search index lags behind its records.
///
/// HubSpot's and Zoho's search APIs read an index that sees a new record only a moment after it was
/// created, while reads by id and plain lists see it at once. Clients that create and then search
/// must cope with that, so the fakes lag too. The delay can be changed while the fake runs
/// (`PUT /__fake/search-index`); it applies to records already stored.
public final class SearchIndex: Sendable {
    /// The lag when a configuration names none: small, but never zero.
    public static let defaultDelay: Duration = .milliseconds(250)

    private let lag: Mutex<Duration>

    /// An index that sees records once they are `delay` old.
    public init(delay: Duration) {
        lag = Mutex(max(delay, .zero))
    }

    /// How old a record must be before search sees it.
    public var delay: Duration {
        get { lag.withLock { $0 } }
        set { lag.withLock { $0 = max(newValue, .zero) } }
    }

    /// The newest creation instant a search made `now` sees.
    package func cutoff(now: ContinuousClock.Instant = .now) -> ContinuousClock.Instant {
        now - delay
    }
}
