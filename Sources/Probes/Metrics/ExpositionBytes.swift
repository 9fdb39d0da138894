/// The UTF-8 bytes of an exposition with the byte-level scanning the parser needs: line breaks, name
/// characters, numbers. Positions are offsets into the buffer; ranges are half-open `start..<end`.
struct ExpositionBytes {
    let buffer: UnsafeBufferPointer<UInt8>

    var count: Int { buffer.count }

    subscript(position: Int) -> UInt8 { buffer[position] }

    /// Decodes `start..<end` as a string (the buffer came from a `String`, so it is valid UTF-8).
    func string(_ start: Int, _ end: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<end]), as: UTF8.self)
    }

    /// The position of the first `\n` at or after `start`, or `count`; looks at eight bytes at a time.
    func newline(from start: Int) -> Int {
        var position = start
        if let base = buffer.baseAddress {
            let raw = UnsafeRawPointer(base)
            while position + 8 <= buffer.count {
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: position, as: UInt64.self))
                let newlines = word ^ 0x0A0A_0A0A_0A0A_0A0A
                // Sets the high bit of each zero byte of `newlines`; bytes above the first zero may be marked
                // wrongly, but the lowest mark is always exact.
                let zeroBytes = (newlines &- 0x0101_0101_0101_0101) & ~newlines & 0x8080_8080_8080_8080
                if zeroBytes != 0 { return position + zeroBytes.trailingZeroBitCount / 8 }
                position += 8
            }
        }
        while position < buffer.count && buffer[position] != UInt8(ascii: "\n") { position += 1 }
        return position
    }

    /// Whether the `count` bytes at `first` equal those at `second`, compared eight bytes at a time from the
    /// end, since names of one family share long prefixes (`x_bucket`, `x_count`).
    func equal(_ first: Int, _ second: Int, count: Int) -> Bool {
        guard count >= 8, let base = buffer.baseAddress else {
            for offset in 0..<count where buffer[first + offset] != buffer[second + offset] {
                return false
            }
            return true
        }
        let raw = UnsafeRawPointer(base)
        var offset = count - 8
        while true {
            let left = raw.loadUnaligned(fromByteOffset: first + offset, as: UInt64.self)
            let right = raw.loadUnaligned(fromByteOffset: second + offset, as: UInt64.self)
            if left != right { return false }
            if offset == 0 { return true }
            offset = max(0, offset - 8)
        }
    }

    /// Whether `start..<end` is exactly `literal`.
    func matches(_ start: Int, _ end: Int, _ literal: StaticString) -> Bool {
        guard end - start == literal.utf8CodeUnitCount else { return false }
        return literal.withUTF8Buffer { literalBytes in
            for offset in 0..<literalBytes.count where buffer[start + offset] != literalBytes[offset] {
                return false
            }
            return true
        }
    }

    /// Whether `start..<end` is `literal` (lowercase ASCII letters) in any letter case.
    func matchesIgnoringCase(_ start: Int, _ end: Int, _ literal: StaticString) -> Bool {
        guard end - start == literal.utf8CodeUnitCount else { return false }
        return literal.withUTF8Buffer { literalBytes in
            for offset in 0..<literalBytes.count where buffer[start + offset] | 0x20 != literalBytes[offset] {
                return false
            }
            return true
        }
    }

    // MARK: - Numbers

    /// Parses a Go-style float: decimal with optional exponent, or `NaN`, `Inf`, `+Inf`, `-Inf`, `Infinity`.
    func double(_ start: Int, _ end: Int) -> Double? {
        guard start < end else { return nil }
        var position = start
        var negative = false
        let first = buffer[position]
        if first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            negative = first == UInt8(ascii: "-")
            position += 1
        }
        let digitsStart = position
        if position < end && digitValue(buffer[position]) == nil && buffer[position] != UInt8(ascii: ".") {
            if matchesIgnoringCase(digitsStart, end, "inf") || matchesIgnoringCase(digitsStart, end, "infinity") {
                return negative ? -.infinity : .infinity
            }
            if digitsStart == start && matchesIgnoringCase(start, end, "nan") { return .nan }
            return nil
        }
        // Decimal `(d+(.d*)?|.d+)([eE][+-]?d+)?`, accumulating the digits while they fit in 53 bits.
        var mantissa: UInt64 = 0
        var isExact = true
        var mantissaDigits = 0
        var exponent = 0
        while position < end, let digit = digitValue(buffer[position]) {
            if mantissa < 900_719_925_474_099 {
                mantissa = mantissa * 10 + UInt64(digit)
            } else {
                isExact = false
            }
            mantissaDigits += 1
            position += 1
        }
        if position < end && buffer[position] == UInt8(ascii: ".") {
            position += 1
            while position < end, let digit = digitValue(buffer[position]) {
                if mantissa < 900_719_925_474_099 {
                    mantissa = mantissa * 10 + UInt64(digit)
                    exponent -= 1
                } else {
                    isExact = false
                }
                mantissaDigits += 1
                position += 1
            }
        }
        guard mantissaDigits > 0 else { return nil }
        if position < end && (buffer[position] == UInt8(ascii: "e") || buffer[position] == UInt8(ascii: "E")) {
            position += 1
            var exponentNegative = false
            if position < end && (buffer[position] == UInt8(ascii: "+") || buffer[position] == UInt8(ascii: "-")) {
                exponentNegative = buffer[position] == UInt8(ascii: "-")
                position += 1
            }
            let exponentStart = position
            var written = 0
            while position < end, let digit = digitValue(buffer[position]) {
                written = min(written * 10 + Int(digit), 100_000)
                position += 1
            }
            guard position > exponentStart else { return nil }
            exponent += exponentNegative ? -written : written
        }
        guard position == end else { return nil }
        if mantissa == 0 && isExact { return negative ? -0.0 : 0.0 }
        // Both operands exact and one correctly rounded operation: the result is correctly rounded.
        if isExact && exponent >= -22 && exponent <= 22 {
            let magnitude = exponent < 0
                ? Double(mantissa) / powersOfTen[-exponent]
                : Double(mantissa) * powersOfTen[exponent]
            return negative ? -magnitude : magnitude
        }
        return Double(string(start, end))
    }

    /// Parses an optionally signed decimal integer that fits in `Int64`.
    func int64(_ start: Int, _ end: Int) -> Int64? {
        var position = start
        var negative = false
        if position < end && (buffer[position] == UInt8(ascii: "+") || buffer[position] == UInt8(ascii: "-")) {
            negative = buffer[position] == UInt8(ascii: "-")
            position += 1
        }
        guard position < end else { return nil }
        var result: Int64 = 0
        while position < end {
            guard let digit = digitValue(buffer[position]) else { return nil }
            let (shifted, overflowed) = result.multipliedReportingOverflow(by: 10)
            let (sum, carried) = shifted.addingReportingOverflow(Int64(digit))
            if overflowed || carried { return nil }
            result = sum
            position += 1
        }
        return negative ? -result : result
    }
}

private let powersOfTen: [Double] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
]

// MARK: - Character classes

// Bit sets over ASCII, split at 64: bit `b` of the low word, or `b - 64` of the high word, is set for byte `b`.
// Digits 48...57 and ':' 58 in the low word; 'A'...'Z' 65...90, '_' 95 and 'a'...'z' 97...122 in the high word.
private let digitBits: UInt64 = 0x03FF << 48
private let colonBit: UInt64 = 1 << 58
private let letterAndUnderscoreBits: UInt64 = (0x03FF_FFFF << 1) | (1 << 31) | (0x03FF_FFFF << 33)

extension ExpositionBytes {
    /// A space or a tab, the separators between tokens.
    static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
    }

    /// `[a-zA-Z_]`
    static func isLabelNameStart(_ byte: UInt8) -> Bool {
        byte >= 64 && byte < 128 && (letterAndUnderscoreBits >> (byte & 63)) & 1 != 0
    }

    /// `[a-zA-Z0-9_]`
    static func isLabelNameByte(_ byte: UInt8) -> Bool {
        byte < 128 && ((byte < 64 ? digitBits : letterAndUnderscoreBits) >> (byte & 63)) & 1 != 0
    }

    /// `[a-zA-Z_:]`
    static func isMetricNameStart(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ":") || isLabelNameStart(byte)
    }

    /// `[a-zA-Z0-9_:]`
    static func isMetricNameByte(_ byte: UInt8) -> Bool {
        byte < 128 && ((byte < 64 ? digitBits | colonBit : letterAndUnderscoreBits) >> (byte & 63)) & 1 != 0
    }
}

private func digitValue(_ byte: UInt8) -> UInt8? {
    byte &- UInt8(ascii: "0") < 10 ? byte &- UInt8(ascii: "0") : nil
}
