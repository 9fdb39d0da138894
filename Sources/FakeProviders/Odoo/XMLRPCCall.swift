import FakeSupport

/// An XML-RPC `methodCall`: the method name and its parameters as JSON-like values.
///
/// `int`/`i4`/`i8`/`double` become numbers, `boolean` a bool, `string` (or an untyped value) a string,
/// `array` an array, `struct` an object, `nil` null; `dateTime.iso8601` and `base64` stay text.
struct XMLRPCCall: Sendable, Equatable {
    let methodName: String
    let params: [JSONValue]

    /// Parses a request body, throwing where and why it is not an XML-RPC call.
    static func parse(_ bytes: some Collection<UInt8>) throws(XMLRPCParseError) -> XMLRPCCall {
        var reader = XMLReader(bytes: Array(bytes))
        let root = try reader.document()
        guard root.name == "methodCall" else { throw reader.fail("expected <methodCall>, found <\(root.name)>") }
        guard let nameNode = root.child("methodName"), !nameNode.text.isEmpty else {
            throw reader.fail("<methodCall> has no <methodName>")
        }
        var params: [JSONValue] = []
        for param in root.child("params")?.children ?? [] {
            guard param.name == "param", let value = param.child("value") else {
                throw reader.fail("expected <param><value>, found <\(param.name)>")
            }
            params.append(try value.rpcValue(reader))
        }
        return XMLRPCCall(methodName: nameNode.text.trimmingXMLSpace, params: params)
    }
}

/// A body that is not a well-formed XML-RPC call.
struct XMLRPCParseError: Error, Sendable, Equatable, CustomStringConvertible {
    let reason: String
    let line: Int
    let column: Int
    var description: String { "\(reason): line \(line), column \(column)" }
}

/// One XML element: its name, child elements and text.
struct XMLNode: Sendable {
    let name: String
    var children: [XMLNode] = []
    var text = ""

    func child(_ name: String) -> XMLNode? { children.first { $0.name == name } }

    /// The XML-RPC `<value>` this node is, as a JSON value.
    func rpcValue(_ reader: XMLReader) throws(XMLRPCParseError) -> JSONValue {
        guard let typed = children.first else { return .string(text) }
        let content = typed.text
        switch typed.name {
        case "int", "i4", "i8":
            guard let number = Int(content.trimmingXMLSpace) else { throw reader.fail("bad <\(typed.name)> \(content)") }
            return .int(number)
        case "double":
            guard let number = Double(content.trimmingXMLSpace) else { throw reader.fail("bad <double> \(content)") }
            return .number(number)
        case "boolean":
            switch content.trimmingXMLSpace {
            case "1": return true
            case "0": return false
            default: throw reader.fail("bad <boolean> \(content)")
            }
        case "string", "dateTime.iso8601", "base64": return .string(content)
        case "nil": return .null
        case "array":
            guard let data = typed.child("data") else { throw reader.fail("<array> has no <data>") }
            var items: [JSONValue] = []
            for value in data.children {
                guard value.name == "value" else { throw reader.fail("expected <value> in <data>") }
                items.append(try value.rpcValue(reader))
            }
            return .array(items)
        case "struct":
            var members: [String: JSONValue] = [:]
            for member in typed.children {
                guard member.name == "member", let name = member.child("name"), let value = member.child("value") else {
                    throw reader.fail("expected <member><name>…<value> in <struct>")
                }
                members[name.text] = try value.rpcValue(reader)
            }
            return .object(members)
        default:
            throw reader.fail("unknown value type <\(typed.name)>")
        }
    }
}

extension String {
    /// The text without surrounding XML whitespace.
    fileprivate var trimmingXMLSpace: String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\n" || first == "\t" || first == "\r" { slice.removeFirst() }
        while let last = slice.last, last == " " || last == "\n" || last == "\t" || last == "\r" { slice.removeLast() }
        return String(slice)
    }
}
