import Foundation

/// What Prometheus's HTTP API answered for a query: `data.resultType` with its series, values read from
/// Prometheus's strings (`"NaN"`, `"+Inf"` and `"-Inf"` included).
public enum PrometheusResult: Sendable, Equatable {
    /// One labelled series and its points, oldest first (one point in a vector).
    public struct Series: Sendable, Equatable {
        public var labels: [String: String]
        /// Unix seconds and values.
        public var points: [PromMath.Point]
    }

    /// `query_range`: every series with the points of each step where it had a value.
    case matrix([Series])
    /// `query`: every series with its value at the query's time.
    case vector([Series])
    /// A bare number, from a query such as `scalar(…)`.
    case scalar(PromMath.Point)

    /// The series answered, a scalar as one unlabelled series.
    public var series: [Series] {
        switch self {
        case .matrix(let series), .vector(let series): series
        case .scalar(let point): [Series(labels: [:], points: [point])]
        }
    }

    /// Reads an API response body (`{"status": …, "data": {"resultType": …, "result": …}}`).
    /// - Throws: ``PrometheusProblem`` when Prometheus reported an error or the body is not its JSON.
    public static func parse(_ body: Data) throws(PrometheusProblem) -> PrometheusResult {
        guard let top = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] else {
            throw .unreadable("the answer is not JSON")
        }
        guard top["status"] as? String == "success" else {
            let type = top["errorType"] as? String ?? "error"
            throw .refused("\(type): \(top["error"] as? String ?? "no message")")
        }
        guard let data = top["data"] as? [String: Any], let type = data["resultType"] as? String else {
            throw .unreadable("it has no data.resultType")
        }
        switch type {
        case "matrix", "vector":
            guard let entries = data["result"] as? [[String: Any]] else { throw .unreadable("its result is not a list") }
            let series = try entries.map { entry throws(PrometheusProblem) in
                let labels = entry["metric"] as? [String: String] ?? [:]
                let raw = type == "matrix" ? entry["values"] as? [Any] : (entry["value"]).map { [$0] }
                guard let raw else { throw .unreadable("a \(type) series has no values") }
                return Series(labels: labels, points: try raw.map(point))
            }
            return type == "matrix" ? .matrix(series) : .vector(series)
        case "scalar":
            guard let raw = data["result"] else { throw .unreadable("its scalar has no value") }
            return .scalar(try point(raw))
        default:
            throw .unreadable("it answered a \(type), not a number or series")
        }
    }

    /// `[1700000000.5, "1.25"]`.
    private static func point(_ raw: Any) throws(PrometheusProblem) -> PromMath.Point {
        guard let pair = raw as? [Any], pair.count == 2, let time = (pair[0] as? NSNumber)?.doubleValue,
            let text = pair[1] as? String, let value = number(text)
        else { throw .unreadable("a value is not [time, \"number\"]") }
        return PromMath.Point(time: time, value: value)
    }

    /// A sample value as Prometheus writes it.
    static func number(_ text: String) -> Double? {
        switch text {
        case "NaN": .nan
        case "+Inf", "Inf": .infinity
        case "-Inf": -.infinity
        default: Double(text)
        }
    }
}
