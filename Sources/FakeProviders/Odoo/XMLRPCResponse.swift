import FakeSupport

/// Writes XML-RPC `methodResponse` documents; null is written as `<boolean>0</boolean>`, never `<nil/>`.
enum XMLRPCResponse {
    /// A successful answer carrying one value.
    static func success(_ value: JSONValue) -> String {
        var out = "<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n"
        write(value, into: &out)
        out += "</param>\n</params>\n</methodResponse>\n"
        return out
    }

    /// A fault with an int or string `faultCode` and a `faultString`.
    static func fault(code: JSONValue, string: String) -> String {
        var out = "<?xml version='1.0'?>\n<methodResponse>\n<fault>\n"
        write(["faultCode": code, "faultString": .string(string)], into: &out)
        out += "</fault>\n</methodResponse>\n"
        return out
    }

    /// Appends one `<value>` element.
    static func write(_ value: JSONValue, into out: inout String) {
        out += "<value>"
        switch value {
        case .null: out += "<boolean>0</boolean>"
        case .bool(let flag): out += "<boolean>\(flag ? 1 : 0)</boolean>"
        case .number(let number):
            if number == number.rounded(), abs(number) < 9e15 {
                out += "<int>\(Int64(number))</int>"
            } else {
                out += "<double>\(number)</double>"
            }
        case .integer(let number): out += "<i8>\(number)</i8>"
        case .string(let text): out += "<string>\(escape(text))</string>"
        case .array(let items):
            out += "<array><data>\n"
            for item in items { write(item, into: &out) }
            out += "</data></array>"
        case .object(let members):
            out += "<struct>\n"
            for key in members.keys.sorted() {
                out += "<member>\n<name>\(escape(key))</name>\n"
                write(members[key]!, into: &out)
                out += "</member>\n"
            }
            out += "</struct>"
        }
        out += "</value>\n"
    }

    /// Escapes `&`, `<` and `>` as Python's xmlrpc does.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.append(character)
            }
        }
        return out
    }
}
