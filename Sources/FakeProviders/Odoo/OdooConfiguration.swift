/// How the fake Odoo behaves: its databases, users and version.
public struct OdooConfiguration: Sendable {
    /// Database names; each holds its own records.
    public var databases: [String] = ["canary"]
    /// The users of every database; the first is the administrator (uid 2).
    public var users: [OdooUser] = [OdooUser()]
    /// `server_version`, e.g. `17.0`.
    public var serverVersion = "17.0"

    /// One database, one administrator.
    public init() {}
}

/// An Odoo user who can log in with a password, or with an API key where Odoo accepts one.
public struct OdooUser: Sendable, Hashable {
    /// The login, e.g. `admin`.
    public var login: String
    /// The password, accepted everywhere.
    public var password: String
    /// The API key, accepted by `login`, `authenticate` and `execute_kw` but not by the web session.
    public var apiKey: String
    /// The display name.
    public var name: String

    /// A user with working defaults.
    public init(
        login: String = "admin", password: String = "admin",
        apiKey: String = "0dd0fa4e1b9c4c2f8e7a6d5c4b3a29180f1e2d3c", name: String = "Mitchell Admin"
    ) {
        self.login = login
        self.password = password
        self.apiKey = apiKey
        self.name = name
    }
}
