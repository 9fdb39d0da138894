import FakeSupport

/// An Odoo server exception, answered in Odoo's envelopes: a JSON-RPC `error` or an XML-RPC fault.
struct OdooFault: Error, Sendable, Equatable {
    /// The exception family, which decides the XML-RPC fault code.
    enum Kind: Sendable, Equatable {
        case accessDenied, accessError, userError, missingError, application, sessionExpired, notFound
        /// Another werkzeug `HTTPException`, with its status code.
        case http(Int)
    }

    let kind: Kind
    /// The Python exception's dotted name, e.g. `odoo.exceptions.AccessDenied`.
    let name: String
    let message: String

    /// `Traceback…` text ending with the exception, as Odoo puts in `debug` and in application faults.
    var traceback: String {
        let shortName = name.hasPrefix("builtins.") ? String(name.dropFirst(9)) : name
        return "Traceback (most recent call last):\n  File \"odoo/http.py\", line 1, in dispatch\n"
            + "\(shortName): \(message)\n"
    }

    /// The JSON-RPC `error` member: code 200, 100 (session) or 404.
    var jsonRPCError: JSONValue {
        let (code, title): (Int, String) =
            switch kind {
            case .sessionExpired: (100, "Odoo Session Expired")
            case .notFound: (404, "404: Not Found")
            default: (200, "Odoo Server Error")
            }
        return [
            "code": .int(code), "message": .string(title),
            "data": [
                "name": .string(name), "debug": .string(traceback), "message": .string(message),
                "arguments": [.string(message)], "context": [:],
            ],
        ]
    }

    /// `/xmlrpc/2/…`: 1 application error (traceback), 2 user error, 3 access denied, 4 access error.
    var xmlrpcFault: (code: JSONValue, string: String) {
        switch kind {
        case .accessDenied: (3, message)
        case .accessError: (4, message)
        case .userError, .missingError: (2, message)
        default: (1, traceback)
        }
    }

    /// Legacy `/xmlrpc/…`: string fault codes such as `AccessDenied` or `warning -- AccessError\n\n<msg>`.
    var legacyFault: (code: JSONValue, string: String) {
        switch kind {
        case .accessDenied: ("AccessDenied", message)
        case .accessError: (.string("warning -- AccessError\n\n" + message), "")
        case .missingError: (.string("warning -- MissingError\n\n" + message), "")
        case .userError: (.string("warning -- UserError\n\n" + message), "")
        default: (.string(message), traceback)
        }
    }

    static let accessDenied = OdooFault(kind: .accessDenied, name: "odoo.exceptions.AccessDenied", message: "Access Denied")
    static let sessionExpired = OdooFault(
        kind: .sessionExpired, name: "odoo.http.SessionExpiredException", message: "Session expired")

    static func accessError(_ message: String) -> OdooFault {
        OdooFault(kind: .accessError, name: "odoo.exceptions.AccessError", message: message)
    }

    static func userError(_ message: String) -> OdooFault {
        OdooFault(kind: .userError, name: "odoo.exceptions.UserError", message: message)
    }

    static func validation(_ message: String) -> OdooFault {
        OdooFault(kind: .userError, name: "odoo.exceptions.ValidationError", message: message)
    }

    static func missing(model: String, ids: [Int], uid: Int) -> OdooFault {
        let list = ids.map(String.init).joined(separator: ", ") + (ids.count == 1 ? "," : "")
        return OdooFault(
            kind: .missingError, name: "odoo.exceptions.MissingError",
            message: "Record does not exist or has been deleted.\n(Record: \(model)(\(list)), User: \(uid))")
    }

    static func valueError(_ message: String) -> OdooFault {
        OdooFault(kind: .application, name: "builtins.ValueError", message: message)
    }

    static func typeError(_ message: String) -> OdooFault {
        OdooFault(kind: .application, name: "builtins.TypeError", message: message)
    }

    static func notFound(_ path: String) -> OdooFault {
        OdooFault(
            kind: .notFound, name: "werkzeug.exceptions.NotFound",
            message: "404 Not Found: The requested URL \(path) was not found on the server.")
    }
}
