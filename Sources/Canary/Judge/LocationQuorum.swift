/// How a run recorded from several locations counts what each location saw, as Datadog's `min_location_failed`:
/// an alert counts once at least `minimum` locations have it firing at the same grid point, and a gate misses once
/// it misses at `minimum` locations. With the default of 1, a failure seen from any one location counts.
///
/// Each location's alerts and gates come from the same rules replayed over that location's results alone, on the
/// run's one evaluation grid, so "at the same time" is exact.
struct LocationQuorum: Sendable {
    /// Locations that must agree, at least 1.
    let minimum: Int

    /// The alert transitions of the run: for each rule instance, fired when the `minimum`-th location starts
    /// firing it, resolved when fewer than `minimum` are left. `byLocation` holds each location's own transitions.
    func alerts(_ byLocation: [(location: String, events: [AlertEvent])]) -> [AlertEvent] {
        var keys: [String] = []
        var transitions: [String: [(location: String, event: AlertEvent)]] = [:]
        for (location, events) in byLocation {
            for event in events {
                if transitions[event.name] == nil { keys.append(event.name) }
                transitions[event.name, default: []].append((location, event))
            }
        }
        var combined: [AlertEvent] = []
        for key in keys {
            let ordered = transitions[key, default: []].enumerated()
                .sorted { ($0.element.event.at, $0.offset) < ($1.element.event.at, $1.offset) }.map(\.element)
            var firing: Set<String> = []
            var counted = false
            var index = 0
            while index < ordered.count {
                // Every location's transition at one grid point is applied before counting.
                let at = ordered[index].event.at
                var last = ordered[index].event
                var fired: AlertEvent?
                while index < ordered.count, ordered[index].event.at == at {
                    let (location, event) = ordered[index]
                    if event.state == .fired {
                        firing.insert(location)
                        if fired == nil { fired = event }
                    } else {
                        firing.remove(location)
                    }
                    last = event
                    index += 1
                }
                if !counted, firing.count >= minimum, let fired {
                    var event = fired
                    event.locations = firing.sorted()
                    combined.append(event)
                    counted = true
                } else if counted, firing.count < minimum {
                    var event = last
                    event.state = .resolved
                    event.evidence = []
                    event.locations = firing.sorted()
                    combined.append(event)
                    counted = false
                }
            }
        }
        let positions = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, $0) })
        return combined.enumerated().sorted {
            ($0.element.at, positions[$0.element.name] ?? 0, $0.offset)
                < ($1.element.at, positions[$1.element.name] ?? 0, $1.offset)
        }.map(\.element)
    }

    /// One gate's verdict over the run from each location's verdict, in location order: missed when it missed at
    /// `minimum` locations or more (the first such location's numbers shown), else passed when it passed somewhere
    /// (a miss below the quorum stays named in ``GateVerdict/missedAt``), else no data.
    func gate(_ byLocation: [(location: String, verdict: GateVerdict)]) -> GateVerdict? {
        guard let first = byLocation.first?.verdict else { return nil }
        let missed = byLocation.filter { $0.verdict.verdict == .fail }
        var verdict: GateVerdict
        if missed.count >= minimum, let worst = missed.first {
            verdict = worst.verdict
        } else if let passed = byLocation.first(where: { $0.verdict.verdict == .pass }) {
            verdict = passed.verdict
            verdict.evidence = []
        } else {
            verdict = byLocation.first(where: { $0.verdict.verdict == .noData })?.verdict ?? first
        }
        verdict.missedAt = missed.map(\.location)
        return verdict
    }
}
