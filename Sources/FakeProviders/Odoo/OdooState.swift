import FakeSupport

/// The fake Odoo's state: one ``OdooDatabase`` per configured name, and the web sessions.
actor OdooState {
    struct Session: Sendable {
        let database: String
        let uid: Int
    }

    let configuration: OdooConfiguration
    var databases: [String: OdooDatabase] = [:]
    var sessions: [String: Session] = [:]

    init(configuration: OdooConfiguration) {
        self.configuration = configuration
        for name in configuration.databases {
            databases[name] = OdooDatabase(name: name, users: configuration.users)
        }
    }

    /// Forgets every record and session; the databases are seeded again.
    func reset() {
        sessions = [:]
        for name in configuration.databases {
            databases[name] = OdooDatabase(name: name, users: configuration.users)
        }
    }

    /// The uid for a login and a password (or, when `allowAPIKey`, the user's API key); nil when refused.
    func login(database: String, login: String, secret: String, allowAPIKey: Bool) throws(OdooFault) -> Int? {
        guard databases[database] != nil else { throw Self.unknownDatabase(database) }
        guard let offset = configuration.users.firstIndex(where: { $0.login == login }) else { return nil }
        let user = configuration.users[offset]
        guard secret == user.password || (allowAPIKey && secret == user.apiKey) else { return nil }
        return OdooDatabase.uid(forUserAt: offset)
    }

    /// Checks `uid` and its password or API key, as every `object` call does.
    func check(database: String, uid: Int, secret: String) throws(OdooFault) {
        guard databases[database] != nil else { throw Self.unknownDatabase(database) }
        guard let offset = configuration.users.indices.first(where: { OdooDatabase.uid(forUserAt: $0) == uid }) else {
            throw .accessDenied
        }
        let user = configuration.users[offset]
        guard secret == user.password || secret == user.apiKey else { throw .accessDenied }
    }

    /// The uid of the user holding API key `key`, as JSON-2's bearer check finds it; passwords do not count.
    func uid(apiKey key: String) -> Int? {
        configuration.users.firstIndex { $0.apiKey == key }.map(OdooDatabase.uid(forUserAt:))
    }

    /// Runs an ORM method in `database` as `uid`.
    func execute(database: String, uid: Int, model: String, method: String, args: [JSONValue], kwargs: [String: JSONValue])
        throws(OdooFault) -> JSONValue
    {
        guard var stored = databases[database] else { throw Self.unknownDatabase(database) }
        let result = try stored.call(model: model, method: method, args: args, kwargs: kwargs, uid: uid)
        databases[database] = stored
        return result
    }

    /// Opens a web session and returns its id.
    func openSession(database: String, uid: Int) -> String {
        let id = (0..<5).map { _ in String(UInt64.random(in: 0...UInt64.max), radix: 16) }.joined()
        sessions[id] = Session(database: database, uid: uid)
        return id
    }

    /// The session with `id`, if it is open.
    func session(_ id: String?) -> Session? { id.flatMap { sessions[$0] } }

    /// Closes a web session.
    func closeSession(_ id: String?) {
        if let id { sessions[id] = nil }
    }

    /// Records per database and model: `res.partner` for the first database, `db/res.partner` for others.
    func snapshot() -> [String: [JSONValue]] {
        var result: [String: [JSONValue]] = [:]
        for (name, database) in databases {
            let prefix = name == configuration.databases.first ? "" : "\(name)/"
            for (model, rows) in database.tables {
                result[prefix + model] = rows.keys.sorted().map { .object(rows[$0]!) }
            }
            if !database.messages.isEmpty { result[prefix + "mail.message"] = database.messages.map { .object($0) } }
        }
        return result
    }

    static func unknownDatabase(_ name: String) -> OdooFault {
        OdooFault(
            kind: .application, name: "psycopg2.OperationalError",
            message: "connection to server failed: FATAL:  database \"\(name)\" does not exist")
    }
}
