/// A small XML reader for XML-RPC bodies: elements, text, entities and CDATA; attributes, comments,
/// processing instructions and DOCTYPEs are skipped. Depth-limited.
struct XMLReader {
    let bytes: [UInt8]
    var index = 0
    static let maxDepth = 128

    init(bytes: [UInt8]) { self.bytes = bytes }

    /// The root element of the document.
    mutating func document() throws(XMLRPCParseError) -> XMLNode {
        try skipMisc()
        guard peek() == UInt8(ascii: "<") else { throw fail(index >= bytes.count ? "no element found" : "syntax error") }
        let root = try element(depth: 0)
        try skipMisc()
        guard index == bytes.count else { throw fail("junk after document element") }
        return root
    }

    private mutating func element(depth: Int) throws(XMLRPCParseError) -> XMLNode {
        guard depth < Self.maxDepth else { throw fail("elements nest too deeply") }
        index += 1
        let name = readName()
        guard !name.isEmpty else { throw fail("not well-formed (invalid token)") }
        try skipAttributes()
        var node = XMLNode(name: name)
        if starts(with: "/>") {
            index += 2
            return node
        }
        guard peek() == UInt8(ascii: ">") else { throw fail("not well-formed (invalid token)") }
        index += 1
        var text: [UInt8] = []
        while true {
            guard index < bytes.count else { throw fail("unclosed token") }
            if starts(with: "</") {
                index += 2
                let closing = readName()
                guard closing == name else { throw fail("mismatched tag") }
                skipSpace()
                guard peek() == UInt8(ascii: ">") else { throw fail("not well-formed (invalid token)") }
                index += 1
                node.text = String(decoding: text, as: UTF8.self)
                return node
            } else if starts(with: "<![CDATA[") {
                index += 9
                guard let end = find("]]>") else { throw fail("unclosed CDATA section") }
                text.append(contentsOf: bytes[index..<end])
                index = end + 3
            } else if starts(with: "<!--") {
                guard let end = find("-->") else { throw fail("unclosed comment") }
                index = end + 3
            } else if starts(with: "<?") {
                guard let end = find("?>") else { throw fail("unclosed processing instruction") }
                index = end + 2
            } else if peek() == UInt8(ascii: "<") {
                node.children.append(try element(depth: depth + 1))
            } else if peek() == UInt8(ascii: "&") {
                text.append(contentsOf: try entity())
            } else {
                text.append(bytes[index])
                index += 1
            }
        }
    }

    private mutating func entity() throws(XMLRPCParseError) -> [UInt8] {
        guard let end = find(";"), end - index <= 12 else { throw fail("not well-formed (invalid token)") }
        let name = String(decoding: bytes[(index + 1)..<end], as: UTF8.self)
        index = end + 1
        switch name {
        case "lt": return Array("<".utf8)
        case "gt": return Array(">".utf8)
        case "amp": return Array("&".utf8)
        case "quot": return Array("\"".utf8)
        case "apos": return Array("'".utf8)
        default:
            let code: UInt32?
            if name.hasPrefix("#x") {
                code = UInt32(name.dropFirst(2), radix: 16)
            } else if name.hasPrefix("#") {
                code = UInt32(name.dropFirst())
            } else {
                code = nil
            }
            guard let code, let scalar = Unicode.Scalar(code) else { throw fail("undefined entity") }
            return Array(String(Character(scalar)).utf8)
        }
    }

    private mutating func skipMisc() throws(XMLRPCParseError) {
        while true {
            skipSpace()
            if starts(with: "<?") {
                guard let end = find("?>") else { throw fail("unclosed processing instruction") }
                index = end + 2
            } else if starts(with: "<!--") {
                guard let end = find("-->") else { throw fail("unclosed comment") }
                index = end + 3
            } else if starts(with: "<!") {
                guard let end = find(">") else { throw fail("unclosed declaration") }
                index = end + 1
            } else {
                return
            }
        }
    }

    private mutating func skipAttributes() throws(XMLRPCParseError) {
        var quote: UInt8? = nil
        while index < bytes.count {
            let byte = bytes[index]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: ">") || starts(with: "/>") {
                return
            } else if byte == UInt8(ascii: "<") {
                throw fail("not well-formed (invalid token)")
            }
            index += 1
        }
        throw fail("unclosed token")
    }

    private mutating func readName() -> String {
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            let isNameByte =
                (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: ".")
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":") || byte >= 0x80
            guard isNameByte else { break }
            index += 1
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private mutating func skipSpace() {
        while let byte = peek(), byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D { index += 1 }
    }

    private func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

    private func starts(with text: String) -> Bool {
        let pattern = Array(text.utf8)
        return index + pattern.count <= bytes.count && Array(bytes[index..<index + pattern.count]) == pattern
    }

    private func find(_ text: String) -> Int? {
        let pattern = Array(text.utf8)
        var position = index
        while position + pattern.count <= bytes.count {
            if bytes[position] == pattern[0], Array(bytes[position..<position + pattern.count]) == pattern {
                return position
            }
            position += 1
        }
        return nil
    }

    /// An error at the current position, worded as expat words its errors.
    func fail(_ reason: String) -> XMLRPCParseError {
        var line = 1
        var column = 0
        for byte in bytes[..<min(index, bytes.count)] {
            if byte == 0x0A {
                line += 1
                column = 0
            } else {
                column += 1
            }
        }
        return XMLRPCParseError(reason: reason, line: line, column: column)
    }
}
