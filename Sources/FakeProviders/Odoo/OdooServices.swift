import FakeSupport

/// The RPC services behind `/jsonrpc` and `/xmlrpc/…`: `common`, `object` and `db`.
struct OdooServices: Sendable {
    let state: OdooState
    let configuration: OdooConfiguration

    /// `common.version()` and `/web/webclient/version_info`.
    var version: JSONValue {
        let parts = configuration.serverVersion.split(separator: ".").compactMap { Int($0) }
        return [
            "server_version": .string(configuration.serverVersion),
            "server_version_info": [.int(parts.first ?? 17), .int(parts.count > 1 ? parts[1] : 0), 0, "final", 0, ""],
            "server_serie": .string(configuration.serverVersion), "protocol_version": 1,
        ]
    }

    /// Dispatches `service.method(*args)`.
    func dispatch(service: String, method: String, args: [JSONValue]) async throws(OdooFault) -> JSONValue {
        switch service {
        case "common": return try await common(method, args)
        case "object": return try await object(method, args)
        case "db": return try db(method, args)
        default: throw OdooFault(kind: .application, name: "builtins.KeyError", message: "'\(service)'")
        }
    }

    private func common(_ method: String, _ args: [JSONValue]) async throws(OdooFault) -> JSONValue {
        switch method {
        case "version": return version
        case "about": return "See http://openerp.com"
        case "login", "authenticate":
            guard args.count >= 3, let database = args[0].string, let login = args[1].string, let secret = args[2].string
            else { throw .typeError("\(method)() missing required positional arguments: 'db', 'login' and 'password'") }
            let uid = try await state.login(database: database, login: login, secret: secret, allowAPIKey: true)
            return uid.map { .int($0) } ?? false
        default:
            throw OdooFault(kind: .application, name: "builtins.Exception", message: "Method not found: \(method)")
        }
    }

    private func object(_ method: String, _ args: [JSONValue]) async throws(OdooFault) -> JSONValue {
        guard method == "execute" || method == "execute_kw" else {
            throw OdooFault(kind: .application, name: "builtins.NameError", message: "Method not available \(method)")
        }
        guard args.count >= 5, let database = args[0].string, let uid = args[1].int, let secret = args[2].string,
            let model = args[3].string, let name = args[4].string
        else { throw .typeError("\(method)() takes (db, uid, password, model, method, …)") }
        try await state.check(database: database, uid: uid, secret: secret)
        let positional: [JSONValue]
        var keywords: [String: JSONValue] = [:]
        if method == "execute_kw" {
            positional = args.count > 5 ? (args[5].array ?? [args[5]]) : []
            if args.count > 6, let given = args[6].object { keywords = given }
        } else {
            positional = Array(args.dropFirst(5))
        }
        keywords["context"] = nil
        return try await state.execute(
            database: database, uid: uid, model: model, method: name, args: positional, kwargs: keywords)
    }

    private func db(_ method: String, _ args: [JSONValue]) throws(OdooFault) -> JSONValue {
        switch method {
        case "list": return .array(configuration.databases.map { .string($0) })
        case "server_version": return .string(configuration.serverVersion)
        case "db_exist": return .bool(args.first?.string.map { configuration.databases.contains($0) } ?? false)
        default:
            throw OdooFault(kind: .accessDenied, name: "odoo.exceptions.AccessDenied", message: "Access Denied")
        }
    }
}
