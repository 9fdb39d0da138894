import Probes

/// One probe instance on the run's timeline, in real time (already scaled by the run's speed).
public struct ScheduledProbe: Sendable {
    public var probe: any Probe
    /// Offset from the run's start of the first attempt.
    public var start: Duration
    /// No attempt is due at or after this offset.
    public var end: Duration
    public var cadence: Cadence
    /// Real-time limit of one attempt (not scaled: latency is real).
    public var timeout: Duration
    /// Whether attempts must not overlap; a due time that finds the previous attempt running is skipped.
    public var exclusive: Bool

    public init(
        probe: any Probe, start: Duration, end: Duration, cadence: Cadence, timeout: Duration, exclusive: Bool = false
    ) {
        self.probe = probe
        self.start = start
        self.end = end
        self.cadence = cadence
        self.timeout = timeout
        self.exclusive = exclusive
    }

    /// Offsets at which attempts are due, in order.
    public var dueOffsets: some Sequence<Duration> {
        let start = start, end = end
        switch cadence {
        case .once:
            return AnySequence(start < end ? [start] : [])
        case .every(let interval):
            return AnySequence(
                sequence(first: 0) { $0 + 1 }.lazy.map { start + interval * $0 }.prefix { $0 < end })
        }
    }
}

extension Plan {
    /// The plan's probes on a timeline compressed by `speed`, one entry per probe instance.
    public func schedule(speed: Double) -> [ScheduledProbe] {
        func entries(_ spec: ProbeSpec, from start: Duration, to end: Duration) -> [ScheduledProbe] {
            guard let kind = ProbeCatalog.kinds[spec.id] else { return [] }
            let instances = kind.perProvider ? spec.providers.map { kind.make($0) } : [kind.make(nil)]
            let cadence: Cadence = switch spec.cadence {
            case .once: .once
            case .every(let interval): .every(interval / speed)
            }
            return instances.map {
                ScheduledProbe(
                    probe: $0, start: start / speed, end: end / speed, cadence: cadence,
                    timeout: spec.timeout ?? defaultTimeout, exclusive: kind.exclusive)
            }
        }
        let phased = phases.flatMap { phase in phase.probes.flatMap { entries($0, from: phase.start, to: phase.end) } }
        let watched = watch.flatMap { entries($0, from: .zero, to: duration) }
        return watched + phased
    }

    /// The name of the phase in force at `offset` real seconds into a run at `speed`.
    public func phaseName(at offset: Double, speed: Double) -> String {
        let planSeconds = offset * speed
        return phases.last { $0.start.seconds <= planSeconds }?.name ?? phases.first?.name ?? "run"
    }
}
