/// Counts events in a rolling window with fixed-size slots, so a check costs the same at any rate.
struct RollingWindowCounter: Sendable {
    private var slots: [Int]
    private let slotDuration: Duration
    private var lastSlot: Int64 = 0
    private let origin: ContinuousClock.Instant

    /// A counter over `window`, split into `slotCount` slots.
    init(window: Duration, slotCount: Int = 100, origin: ContinuousClock.Instant = .now) {
        self.slots = Array(repeating: 0, count: max(1, slotCount))
        self.slotDuration = window / max(1, slotCount)
        self.origin = origin
    }

    /// Events counted in the window ending at `now`.
    mutating func count(at now: ContinuousClock.Instant) -> Int {
        advance(to: now)
        return slots.reduce(0, +)
    }

    /// Counts one event at `now`.
    mutating func add(at now: ContinuousClock.Instant) {
        advance(to: now)
        slots[Int(lastSlot % Int64(slots.count))] += 1
    }

    private mutating func advance(to now: ContinuousClock.Instant) {
        let slot = Int64(max(origin.duration(to: now) / slotDuration, 0))
        guard slot > lastSlot else { return }
        let steps = min(slot - lastSlot, Int64(slots.count))
        for step in 1...steps {
            slots[Int((lastSlot + step) % Int64(slots.count))] = 0
        }
        lastSlot = slot
    }
}
