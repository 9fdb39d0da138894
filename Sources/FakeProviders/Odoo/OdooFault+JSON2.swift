import FakeSupport
import Hummingbird

extension OdooFault {
    /// The HTTP status JSON-2 answers with: the exception's `http_status`, the werkzeug code, or 500.
    var json2Status: HTTPResponse.Status {
        switch kind {
        case .accessDenied, .accessError, .sessionExpired: .forbidden
        case .userError: .unprocessableContent
        case .missingError, .notFound: .notFound
        case .http(let code): HTTPResponse.Status(code: code)
        case .application: .internalServerError
        }
    }

    /// JSON-2's error body: `name`, `message`, `arguments` (with the status code for werkzeug errors),
    /// `context` and `debug`.
    var json2Body: JSONValue {
        var arguments: [JSONValue] = [.string(message)]
        switch kind {
        case .notFound, .http: arguments.append(.int(Int(json2Status.code)))
        default: break
        }
        return [
            "name": .string(name), "message": .string(message), "arguments": .array(arguments), "context": [:],
            "debug": .string(traceback),
        ]
    }

    /// werkzeug's `Unauthorized`, as the bearer check raises it.
    static func unauthorized(_ message: String) -> OdooFault {
        OdooFault(kind: .http(401), name: "werkzeug.exceptions.Unauthorized", message: message)
    }

    /// werkzeug's `BadRequest`, for a body that is not a JSON object.
    static func badRequest(_ message: String) -> OdooFault {
        OdooFault(kind: .http(400), name: "werkzeug.exceptions.BadRequest", message: message)
    }

    /// werkzeug's `UnprocessableEntity`, for arguments that do not fit the method.
    static func unprocessable(_ message: String) -> OdooFault {
        OdooFault(kind: .http(422), name: "werkzeug.exceptions.UnprocessableEntity", message: message)
    }

    /// werkzeug's `NotFound` with a message of its own, as JSON-2 raises it.
    static func json2NotFound(_ message: String) -> OdooFault {
        OdooFault(kind: .notFound, name: "werkzeug.exceptions.NotFound", message: message)
    }
}
