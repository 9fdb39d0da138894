/// SplitMix64: a tiny seeded generator, so the same seed always picks the same faults.
package struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    package init(seed: UInt64) {
        state = seed
    }

    /// A generator seeded from several values, e.g. plan seed, fault index and a job key.
    package init(mixing values: UInt64...) {
        var seed: UInt64 = 0x243F_6A88_85A3_08D3
        for value in values {
            var inner = SplitMix64(seed: seed ^ value)
            seed = inner.next()
        }
        state = seed
    }

    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform value in [0, 1).
    package mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A stable 64-bit hash of a string (FNV-1a), independent of the process's hashing seed.
    package static func hash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
