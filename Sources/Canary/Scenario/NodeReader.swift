import Foundation
import Yams

/// Walks a YAML tree, collecting every problem with its line and column instead of stopping at the first.
struct NodeReader {
    let file: String
    private(set) var diagnostics: [Diagnostic] = []

    init(file: String) { self.file = file }

    /// Records a problem at `node` (or the top of the file).
    mutating func problem(at node: Node?, _ message: String, hint: String? = nil) {
        let mark = node?.mark
        diagnostics.append(
            Diagnostic(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1, message: message, hint: hint))
    }

    /// Records a problem at a character offset inside a scalar (for condition syntax errors).
    mutating func problem(at node: Node, offset: Int, _ message: String, hint: String?) {
        let mark = node.mark
        let quoted = node.scalar.map { $0.style == .singleQuoted || $0.style == .doubleQuoted } ?? false
        diagnostics.append(
            Diagnostic(
                file: file, line: mark?.line ?? 1, column: (mark?.column ?? 1) + offset + (quoted ? 1 : 0),
                message: message, hint: hint))
    }

    /// The mapping at `node`, checking its keys against `allowed`; nil (with a problem) when it is no mapping.
    mutating func mapping(_ node: Node, _ what: String, allowed: [String]) -> [String: Node]? {
        guard let mapping = node.mapping else {
            problem(at: node, "\(what) must be a mapping of keys to values")
            return nil
        }
        var result: [String: Node] = [:]
        for (keyNode, value) in mapping {
            guard let key = keyNode.string else {
                problem(at: keyNode, "keys of \(what) must be text")
                continue
            }
            if !allowed.contains(key) {
                let suggestion = Self.closest(to: key, in: allowed).map { "did you mean \"\($0)\"? " } ?? ""
                problem(
                    at: keyNode, "unknown key \"\(key)\" in \(what)",
                    hint: "\(suggestion)known keys: \(allowed.joined(separator: ", "))")
                continue
            }
            result[key] = value
        }
        return result
    }

    /// The sequence at `node`, or nil with a problem.
    mutating func sequence(_ node: Node, _ what: String) -> [Node]? {
        guard let sequence = node.sequence else {
            problem(at: node, "\(what) must be a list", hint: "start each entry with \"- \"")
            return nil
        }
        return Array(sequence)
    }

    /// A required or optional text value.
    mutating func string(
        _ map: [String: Node], _ key: String, in what: String, requiredAt parent: Node? = nil
    ) -> String? {
        guard let node = map[key] else {
            if let parent { problem(at: parent, "\(what) is missing \"\(key)\"") }
            return nil
        }
        guard let text = node.string, node.scalar != nil else {
            problem(at: node, "\"\(key)\" in \(what) must be text")
            return nil
        }
        return text
    }

    /// A duration value such as `30s`.
    mutating func duration(_ node: Node?, _ key: String, in what: String) -> Duration? {
        guard let node else { return nil }
        guard let text = node.string, let duration = DurationText.parse(text) else {
            problem(
                at: node, "\"\(key)\" in \(what) is not a duration: \"\(node.string ?? "")\"",
                hint: "write a number with a unit: 250ms, 30s, 5m, 2h")
            return nil
        }
        return duration
    }

    /// A list of text values, also accepting a single value.
    mutating func strings(_ node: Node?, _ key: String, in what: String) -> [String]? {
        guard let node else { return nil }
        if let text = node.string, node.scalar != nil { return [text] }
        guard let items = node.sequence else {
            problem(at: node, "\"\(key)\" in \(what) must be a list of text values")
            return nil
        }
        return items.compactMap { item in
            if let text = item.string, item.scalar != nil { return text }
            problem(at: item, "entries of \"\(key)\" must be text")
            return nil
        }
    }

    /// The closest candidate by edit distance, if it is close enough to be a typo.
    static func closest(to word: String, in candidates: [String]) -> String? {
        let scored = candidates.map { ($0, editDistance(word, $0)) }.min { $0.1 < $1.1 }
        guard let (candidate, distance) = scored, distance <= max(2, word.count / 3) else { return nil }
        return candidate
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(b.count, 1) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return a.isEmpty ? b.count : previous[b.count]
    }
}
