/// Why Prometheus gave no answer to use: it could not be reached, answered an HTTP error, refused the query, or
/// answered something that is not its API's JSON. Each is no data for the rules that asked, never a pass.
public struct PrometheusProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// The sentence that reasons and reports quote.
    public let description: String
    /// What Prometheus said when it refused the query (`bad_data: …`).
    let refusal: String?
    /// Whether no answer came at all, so that asking again at once is pointless.
    let isUnreachable: Bool

    private init(_ description: String, refusal: String? = nil, isUnreachable: Bool = false) {
        self.description = description
        self.refusal = refusal
        self.isUnreachable = isUnreachable
    }

    static func unreachable(_ url: String, _ detail: String) -> Self {
        .init("Prometheus at \(url) did not answer: \(detail)", isUnreachable: true)
    }

    static func httpStatus(_ status: UInt, _ refusal: String?) -> Self {
        .init("Prometheus answered HTTP \(status)" + (refusal.map { " and refused the query: \($0)" } ?? ""))
    }

    static func refused(_ detail: String) -> Self {
        .init("Prometheus refused the query: \(detail)", refusal: detail)
    }

    static func unreadable(_ detail: String) -> Self {
        .init("Prometheus answered something that is not its API's JSON: \(detail)")
    }

    /// The query matched no series at that time.
    static let empty = Self("Prometheus returned no series")
    /// The query's value was NaN (a histogram without observations, a division by zero).
    static let notANumber = Self("Prometheus returned NaN")
}
