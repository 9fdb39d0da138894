/// How one probe instance fared in a window: counts, and what it most often saw go wrong, quoted from one attempt.
///
/// Reasons lead with it: `webhook.delivery (hubspot): 105 of 105 attempts failed: signed hubspot webhook answered 500`.
public struct ProbeEvidence: Sendable, Equatable, Codable {
    public var probe: String
    public var provider: String?
    /// Attempts that count as evidence (passed or failed).
    public var attempts: Int
    public var failed: Int
    /// Attempts the harness could not judge.
    public var unverified: Int
    /// The most common failure, verbatim from its first attempt; with no failure, the most common reason the
    /// attempts were unverified.
    public var detail: String?
    /// Attempts that failed (or were unverified) that way.
    public var detailCount: Int
    /// The error class of that detail.
    public var errorClass: String?

    public init(
        probe: String, provider: String?, attempts: Int, failed: Int, unverified: Int, detail: String?, detailCount: Int,
        errorClass: String?
    ) {
        self.probe = probe
        self.provider = provider
        self.attempts = attempts
        self.failed = failed
        self.unverified = unverified
        self.detail = detail
        self.detailCount = detailCount
        self.errorClass = errorClass
    }

    /// The probe instance.
    public var key: ProbeKey { ProbeKey(probe: probe, provider: provider) }

    /// Whether it says something went wrong: an attempt failed or could not be judged.
    public var isTelling: Bool { failed > 0 || unverified > 0 }
}

extension Observations {
    /// Evidence per probe instance matching `selector` in `window`: the most failed first, then by name.
    func evidence(matching selector: Selector, in window: ClosedRange<Double>) -> [ProbeEvidence] {
        var tallies: [ProbeKey: EvidenceTally] = [:]
        for attempt in attempts(matching: selector, in: window) {
            tallies[attempt.key, default: EvidenceTally()].add(attempt)
        }
        return tallies.map { key, tally in tally.evidence(key) }.sorted {
            ($1.failed, $1.unverified, $0.key) < ($0.failed, $0.unverified, $1.key)
        }
    }
}

/// Counts one probe instance's attempts and groups its failures by shape.
struct EvidenceTally {
    private var attempts = 0, failed = 0, unverified = 0
    private var shapes: [String: (count: Int, example: Observations.Attempt)] = [:]

    mutating func add(_ attempt: Observations.Attempt) {
        switch attempt.outcome {
        case .pass: attempts += 1
        case .fail: attempts += 1; failed += 1
        case .unverified: unverified += 1
        }
        guard !attempt.passed else { return }
        let shape = (attempt.outcome == .fail ? "f" : "u") + DetailShape.key(attempt.detail)
        if let known = shapes[shape] {
            shapes[shape] = (known.count + 1, known.example)
        } else {
            shapes[shape] = (1, attempt)
        }
    }

    func evidence(_ key: ProbeKey) -> ProbeEvidence {
        // Failures outrank unverified attempts; among them, the most common shape, then the earliest.
        let top = shapes.max { lhs, rhs in
            let l = (lhs.value.example.outcome == .fail ? 1 : 0, lhs.value.count, -lhs.value.example.finishedAt)
            let r = (rhs.value.example.outcome == .fail ? 1 : 0, rhs.value.count, -rhs.value.example.finishedAt)
            return l < r
        }?.value
        return ProbeEvidence(
            probe: key.probe, provider: key.provider, attempts: attempts, failed: failed, unverified: unverified,
            detail: top?.example.detail, detailCount: top?.count ?? 0, errorClass: top?.example.errorClass)
    }
}

/// Groups details that differ only in ids, timings and counters, so that the most common failure stands out.
enum DetailShape {
    /// The detail with ids, timings and long numbers replaced by `#`; short whole numbers (HTTP statuses) stay.
    static func key(_ detail: String) -> String {
        var result = ""
        var token = ""
        func flush() {
            let isShortNumber = token.count <= 3 && token.allSatisfy(\.isNumber)
            result += token.contains(where: \.isNumber) && !isShortNumber ? "#" : token
            token = ""
        }
        for character in detail {
            if character.isLetter || character.isNumber || character == "." || character == "_" {
                token.append(character)
            } else {
                flush()
                result.append(character)
            }
        }
        flush()
        return result
    }
}
