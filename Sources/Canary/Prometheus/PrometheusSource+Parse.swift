import Foundation

extension PrometheusSource {
    /// What is wrong with a Prometheus base URL, or nil when it is usable: it must be http(s) and carry no
    /// credentials, since the plan's text is stored with every run.
    public static func problem(withURL url: String) -> String? {
        guard url.hasPrefix("http://") || url.hasPrefix("https://") else {
            return "the Prometheus URL \"\(url)\" must start with http:// or https://"
        }
        let authority = url.split(separator: "/", omittingEmptySubsequences: true).dropFirst().first ?? ""
        if authority.contains("@") {
            return "the Prometheus URL must not carry credentials: the plan is stored with every run"
        }
        if authority.isEmpty { return "the Prometheus URL \"\(url)\" names no host" }
        return nil
    }

    /// The label matchers of a selector such as `{job="backend", env="canary"}` (exact matches only).
    static func labels(fromSelector text: String) -> Result<[String: String], ConditionParser.SyntaxError> {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("{") else {
            return .failure(.init(offset: 0, message: "it must start with {", hint: nil))
        }
        do {
            let condition = try ConditionParser.parse("selector\(trimmed) > 0")
            guard case .latest(let selector) = condition.query else {
                return .failure(.init(offset: 0, message: "it is not one set of label matchers", hint: nil))
            }
            return .success(selector.labels)
        } catch {
            return .failure(error)
        }
    }
}
