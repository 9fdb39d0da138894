/// The grammar behind `PrometheusText.parse`: reads an exposition line by line into metric families.
struct ExpositionParser {
    private typealias Bytes = ExpositionBytes

    /// Which label of a sample, if any, must hold a number (`le` of histogram buckets, `quantile` of summaries).
    private enum NumericLabel {
        case none, le, quantile
    }

    /// A sample name seen recently and the family it belongs to.
    private struct ResolvedName {
        var start: Int
        var count: Int
        var name: String
        var family: Int
        var numericLabel: NumericLabel
    }

    /// Text already decoded from the buffer, to reuse when the same bytes come again.
    private struct DecodedText {
        var start: Int
        var count: Int
        var text: String
    }

    private let input: ExpositionBytes
    private var lineNumber = 0
    private var lineStart = 0
    /// End of the current line's content, before its `\n` or `\r\n`.
    private var lineEnd = 0

    private var families: [MetricFamily] = []
    private var familyIndexByName: [String: Int] = [:]
    private var typeDeclared: [Bool] = []

    // Histograms and summaries cycle through a few sample names; remembering them skips the lookups.
    private var recentNames: [ResolvedName] = []
    private var nextRecentSlot = 0
    // The previous sample's label names and values by position; the next sample usually repeats most of them.
    private var labelNames: [DecodedText] = []
    private var labelValues: [DecodedText] = []
    private var lastLabelCount = 0
    private var scratch: [UInt8] = []

    init(bytes: UnsafeBufferPointer<UInt8>) {
        input = ExpositionBytes(buffer: bytes)
    }

    mutating func parse() throws(PrometheusParseError) -> [MetricFamily] {
        var next = 0
        while next < input.count {
            lineNumber += 1
            lineStart = next
            var end = input.newline(from: next)
            next = end + 1
            if end > lineStart && input[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            lineEnd = end
            try parseLine()
        }
        return families
    }

    // MARK: - Lines

    private mutating func parseLine() throws(PrometheusParseError) {
        let start = skipBlanks(lineStart)
        if start == lineEnd { return }
        if input[start] == UInt8(ascii: "#") {
            try parseComment(after: start + 1)
        } else {
            try parseSample(at: start)
        }
    }

    private mutating func parseComment(after hash: Int) throws(PrometheusParseError) {
        let keywordStart = skipBlanks(hash)
        let keywordEnd = tokenEnd(keywordStart)
        let isHelp = input.matches(keywordStart, keywordEnd, "HELP")
        guard isHelp || input.matches(keywordStart, keywordEnd, "TYPE") else { return }
        // `#HELP` without a blank after the `#` is a plain comment.
        guard keywordStart > hash else { return }
        let keyword = isHelp ? "HELP" : "TYPE"
        let nameStart = skipBlanks(keywordEnd)
        if nameStart == lineEnd {
            throw error(at: nameStart, "missing metric name after \"# \(keyword)\"")
        }
        let nameEnd = try scanMetricName(nameStart)
        if nameEnd < lineEnd && !Bytes.isBlank(input[nameEnd]) {
            throw error(at: nameEnd, "invalid character \(describe(nameEnd)) in metric name "
                + "\(quoted(nameStart, nameEnd))")
        }
        let name = input.string(nameStart, nameEnd)
        recentNames.removeAll(keepingCapacity: true)
        if isHelp {
            let help = unescapeHelp(skipBlanks(nameEnd), lineEnd)
            let index = family(named: name)
            if families[index].help != nil {
                throw error(at: nameStart, "second HELP line for metric \"\(name)\"")
            }
            families[index].help = help
            return
        }
        let typeStart = skipBlanks(nameEnd)
        if typeStart == lineEnd {
            throw error(at: typeStart, "missing metric type after \"# TYPE \(name)\"")
        }
        let typeEnd = tokenEnd(typeStart)
        guard let type = metricType(typeStart, typeEnd) else {
            throw error(at: typeStart, "unknown metric type \(quoted(typeStart, typeEnd)), "
                + "expected counter, gauge, histogram, summary or untyped")
        }
        let rest = skipBlanks(typeEnd)
        if rest < lineEnd {
            throw error(at: rest, "unexpected \(quoted(rest, tokenEnd(rest))) after metric type")
        }
        let index = family(named: name)
        if typeDeclared[index] {
            throw error(at: nameStart, "second TYPE line for metric \"\(name)\"")
        }
        if !families[index].samples.isEmpty {
            throw error(at: nameStart, "TYPE line for metric \"\(name)\" comes after its samples")
        }
        families[index].type = type
        typeDeclared[index] = true
    }

    private mutating func parseSample(at nameStart: Int) throws(PrometheusParseError) {
        let resolved: ResolvedName
        if let recent = recentName(at: nameStart) {
            resolved = recent
        } else {
            let nameEnd = try scanMetricName(nameStart)
            if nameEnd < lineEnd {
                let byte = input[nameEnd]
                if !Bytes.isBlank(byte) && byte != UInt8(ascii: "{") {
                    throw error(at: nameEnd, "invalid character \(describe(nameEnd)) in metric name "
                        + "\(quoted(nameStart, nameEnd))")
                }
            }
            resolved = resolveSampleName(nameStart, nameEnd)
        }
        let nameEnd = nameStart + resolved.count

        var position = skipBlanks(nameEnd)
        var labels: [String: String] = [:]
        var hasNumericLabel = false
        if position < lineEnd && input[position] == UInt8(ascii: "{") {
            labels = [String: String](minimumCapacity: lastLabelCount)
            (position, hasNumericLabel) = try parseLabels(
                after: position, numericLabel: resolved.numericLabel, into: &labels
            )
            position = skipBlanks(position)
            lastLabelCount = labels.count
        }
        switch resolved.numericLabel {
        case .le where !hasNumericLabel:
            throw error(at: nameStart, "histogram bucket \"\(resolved.name)\" has no \"le\" label")
        case .quantile where !hasNumericLabel:
            throw error(at: nameStart, "summary sample \"\(resolved.name)\" has no \"quantile\" label")
        default:
            break
        }

        if position == lineEnd {
            throw error(at: position, "missing value for sample \"\(resolved.name)\"")
        }
        let valueStart = position
        let valueEnd = tokenEnd(valueStart)
        guard let value = input.double(valueStart, valueEnd) else {
            throw error(at: valueStart, "invalid sample value \(quoted(valueStart, valueEnd))")
        }
        position = skipBlanks(valueEnd)

        var timestamp: Int64?
        if position < lineEnd {
            let timestampStart = position
            let timestampEnd = tokenEnd(timestampStart)
            guard let parsed = input.int64(timestampStart, timestampEnd) else {
                throw error(at: timestampStart, "invalid timestamp \(quoted(timestampStart, timestampEnd)), "
                    + "expected integer milliseconds")
            }
            timestamp = parsed
            position = skipBlanks(timestampEnd)
            if position < lineEnd {
                throw error(at: position, "unexpected \(quoted(position, tokenEnd(position))) after timestamp")
            }
        }
        let sample = MetricSample(name: resolved.name, labels: labels, value: value, timestampMilliseconds: timestamp)
        families[resolved.family].samples.append(sample)
    }

    /// Parses `{name="value",…}` starting at the `{`; returns the position after the closing `}` and
    /// whether the label `numericLabel` names was present.
    private mutating func parseLabels(
        after brace: Int,
        numericLabel: NumericLabel,
        into labels: inout [String: String]
    ) throws(PrometheusParseError) -> (end: Int, hasNumericLabel: Bool) {
        var position = skipBlanks(brace + 1)
        var hasNumericLabel = false
        if position < lineEnd && input[position] == UInt8(ascii: "}") { return (position + 1, false) }
        var labelIndex = 0
        while true {
            let labelStart = position
            guard position < lineEnd, Bytes.isLabelNameStart(input[position]) else {
                throw error(at: position, "expected label name or '}', found \(describe(position))")
            }
            position += 1
            while position < lineEnd && Bytes.isLabelNameByte(input[position]) { position += 1 }
            let labelEnd = position
            let labelName = Self.decode(labelStart, labelEnd, in: input, reusing: &labelNames, at: labelIndex)

            position = skipBlanks(position)
            guard position < lineEnd && input[position] == UInt8(ascii: "=") else {
                throw error(at: position, "expected '=' after label name \"\(labelName)\"")
            }
            position = skipBlanks(position + 1)
            guard position < lineEnd && input[position] == UInt8(ascii: "\"") else {
                throw error(at: position, "expected '\"' to open the value of label \"\(labelName)\"")
            }
            let quote = position
            let valueStart = quote + 1
            position = valueStart
            var hasEscape = false
            while true {
                guard position < lineEnd else {
                    throw error(at: quote, "unterminated value of label \"\(labelName)\"")
                }
                let byte = input[position]
                if byte == UInt8(ascii: "\"") { break }
                if byte == UInt8(ascii: "\\") {
                    guard position + 1 < lineEnd else {
                        throw error(at: quote, "unterminated value of label \"\(labelName)\"")
                    }
                    let escaped = input[position + 1]
                    guard escaped == UInt8(ascii: "\\") || escaped == UInt8(ascii: "\"")
                        || escaped == UInt8(ascii: "n")
                    else {
                        throw error(at: position, "invalid escape sequence '\\\(scalarText(position + 1))' "
                            + "in the value of label \"\(labelName)\"")
                    }
                    hasEscape = true
                    position += 2
                } else {
                    position += 1
                }
            }
            let valueEnd = position
            position += 1
            let value = hasEscape
                ? unescapeLabelValue(valueStart, valueEnd)
                : Self.decode(valueStart, valueEnd, in: input, reusing: &labelValues, at: labelIndex)
            labelIndex += 1

            let isNumeric = switch numericLabel {
            case .none: false
            case .le: input.matches(labelStart, labelEnd, "le")
            case .quantile: input.matches(labelStart, labelEnd, "quantile")
            }
            if isNumeric {
                if hasEscape || input.double(valueStart, valueEnd) == nil {
                    throw error(at: valueStart, "invalid \"\(labelName)\" value \(quoted(valueStart, valueEnd)), "
                        + "expected a number")
                }
                hasNumericLabel = true
            }
            if labels.updateValue(value, forKey: labelName) != nil {
                throw error(at: labelStart, "duplicate label name \"\(labelName)\"")
            }

            position = skipBlanks(position)
            guard position < lineEnd else {
                throw error(at: position, "expected ',' or '}' after the value of label \"\(labelName)\"")
            }
            if input[position] == UInt8(ascii: "}") { return (position + 1, hasNumericLabel) }
            guard input[position] == UInt8(ascii: ",") else {
                throw error(at: position, "expected ',' or '}' after the value of label \"\(labelName)\"")
            }
            position = skipBlanks(position + 1)
            if position < lineEnd && input[position] == UInt8(ascii: "}") { return (position + 1, hasNumericLabel) }
        }
    }

    // MARK: - Families

    /// The index of the family called `name`, creating an untyped one if there is none yet.
    private mutating func family(named name: String) -> Int {
        if let index = familyIndexByName[name] { return index }
        families.append(MetricFamily(name: name, type: .untyped))
        typeDeclared.append(false)
        familyIndexByName[name] = families.count - 1
        return families.count - 1
    }

    /// The recently seen sample name that the line starting at `start` begins with, if any.
    private func recentName(at start: Int) -> ResolvedName? {
        for index in recentNames.indices {
            let count = recentNames[index].count
            let end = start + count
            guard end <= lineEnd, input.equal(recentNames[index].start, start, count: count) else { continue }
            if end < lineEnd {
                let byte = input[end]
                guard Bytes.isBlank(byte) || byte == UInt8(ascii: "{") else { continue }
            }
            return recentNames[index]
        }
        return nil
    }

    /// The family a sample name belongs to: the family of the same name, else the histogram/summary `X` of
    /// `X_bucket`/`X_sum`/`X_count`, else the counter `X` of `X_total`, else a new untyped family.
    private mutating func resolveSampleName(_ start: Int, _ end: Int) -> ResolvedName {
        let count = end - start
        let name = input.string(start, end)
        var index: Int?
        var numericLabel = NumericLabel.none
        if let exact = familyIndexByName[name] {
            index = exact
            if families[exact].type == .summary { numericLabel = .quantile }
        } else if let base = familyBase(start, end, suffix: "_bucket", types: [.histogram]) {
            index = base
            numericLabel = .le
        } else if let base = familyBase(start, end, suffix: "_sum", types: [.histogram, .summary]) {
            index = base
        } else if let base = familyBase(start, end, suffix: "_count", types: [.histogram, .summary]) {
            index = base
        } else if let base = familyBase(start, end, suffix: "_total", types: [.counter]) {
            index = base
        }
        let family = index ?? family(named: name)
        let resolved = ResolvedName(start: start, count: count, name: name, family: family, numericLabel: numericLabel)
        if recentNames.count < 8 {
            recentNames.append(resolved)
        } else {
            recentNames[nextRecentSlot] = resolved
            nextRecentSlot = (nextRecentSlot + 1) % recentNames.count
        }
        return resolved
    }

    /// The index of family `X` when the name is `X` + `suffix` and `X` was declared with one of `types`.
    private func familyBase(_ start: Int, _ end: Int, suffix: StaticString, types: [MetricType]) -> Int? {
        let suffixCount = suffix.utf8CodeUnitCount
        guard end - start > suffixCount, input.matches(end - suffixCount, end, suffix) else { return nil }
        guard let index = familyIndexByName[input.string(start, end - suffixCount)],
              types.contains(families[index].type)
        else { return nil }
        return index
    }

    private func metricType(_ start: Int, _ end: Int) -> MetricType? {
        for type in [MetricType.counter, .gauge, .histogram, .summary, .untyped] {
            let matched = type.rawValue.utf8.count == end - start
                && zip(type.rawValue.utf8, start..<end).allSatisfy { $0 == input[$1] | 0x20 }
            if matched { return type }
        }
        return nil
    }

    // MARK: - Tokens

    /// Scans a metric name `[a-zA-Z_:][a-zA-Z0-9_:]*` and returns its end.
    private func scanMetricName(_ start: Int) throws(PrometheusParseError) -> Int {
        guard start < lineEnd, Bytes.isMetricNameStart(input[start]) else {
            throw error(at: start, "metric name must start with a letter, '_' or ':', found \(describe(start))")
        }
        var position = start + 1
        while position < lineEnd && Bytes.isMetricNameByte(input[position]) { position += 1 }
        return position
    }

    private func skipBlanks(_ start: Int) -> Int {
        var position = start
        while position < lineEnd && Bytes.isBlank(input[position]) { position += 1 }
        return position
    }

    /// The end of the token starting at `start`: the next blank or the end of the line.
    private func tokenEnd(_ start: Int) -> Int {
        var position = start
        while position < lineEnd && !Bytes.isBlank(input[position]) { position += 1 }
        return position
    }

    /// The text of `start..<end`, taken from `cache[index]` when that holds the same bytes, else decoded and
    /// remembered there.
    private static func decode(
        _ start: Int,
        _ end: Int,
        in input: ExpositionBytes,
        reusing cache: inout [DecodedText],
        at index: Int
    ) -> String {
        let count = end - start
        if index < cache.count && cache[index].count == count && input.equal(cache[index].start, start, count: count) {
            return cache[index].text
        }
        let decoded = DecodedText(start: start, count: count, text: input.string(start, end))
        if index < cache.count {
            cache[index] = decoded
        } else {
            cache.append(decoded)
        }
        return decoded.text
    }

    private mutating func unescapeLabelValue(_ start: Int, _ end: Int) -> String {
        scratch.removeAll(keepingCapacity: true)
        var position = start
        while position < end {
            let byte = input[position]
            if byte == UInt8(ascii: "\\") && position + 1 < end {
                let escaped = input[position + 1]
                scratch.append(escaped == UInt8(ascii: "n") ? UInt8(ascii: "\n") : escaped)
                position += 2
            } else {
                scratch.append(byte)
                position += 1
            }
        }
        return String(decoding: scratch, as: UTF8.self)
    }

    /// Unescapes `\\` and `\n` in HELP text; any other backslash is kept as written.
    private mutating func unescapeHelp(_ start: Int, _ end: Int) -> String {
        scratch.removeAll(keepingCapacity: true)
        var position = start
        while position < end {
            let byte = input[position]
            if byte == UInt8(ascii: "\\") && position + 1 < end {
                let escaped = input[position + 1]
                if escaped == UInt8(ascii: "\\") || escaped == UInt8(ascii: "n") {
                    scratch.append(escaped == UInt8(ascii: "n") ? UInt8(ascii: "\n") : escaped)
                    position += 2
                    continue
                }
            }
            scratch.append(byte)
            position += 1
        }
        return String(decoding: scratch, as: UTF8.self)
    }

    // MARK: - Errors

    /// An error at `position` of the current line; the column counts Unicode scalars.
    private func error(at position: Int, _ message: String) -> PrometheusParseError {
        var column = 1
        for index in lineStart..<position where input[index] & 0xC0 != 0x80 {
            column += 1
        }
        return PrometheusParseError(line: lineNumber, column: column, message: message)
    }

    /// `'x'` for the character at `position`, or `end of line`.
    private func describe(_ position: Int) -> String {
        position < lineEnd ? "'\(scalarText(position))'" : "end of line"
    }

    /// The Unicode scalar starting at `position`, escaped if it is a control character.
    private func scalarText(_ position: Int) -> String {
        let lead = input[position]
        let length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        let text = input.string(position, min(position + length, lineEnd))
        guard let scalar = text.unicodeScalars.first else { return text }
        return scalar.escaped(asASCII: false)
    }

    /// The bytes as a double-quoted string for messages, shortened when long.
    private func quoted(_ start: Int, _ end: Int) -> String {
        let text = input.string(start, end)
        let shown = text.unicodeScalars.count > 40 ? String(text.unicodeScalars.prefix(40)) + "…" : text
        return "\"\(shown)\""
    }
}
