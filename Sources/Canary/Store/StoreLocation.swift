import Foundation

/// Where runs are recorded, as `--db` (or `CANARY_DB`) names it: a SQLite file path, or a PostgreSQL URL.
///
/// ```swift
/// try StoreLocation("reports/canary.sqlite")                 // .sqlite
/// try StoreLocation("postgres://canary@db.internal:5432/runs") // .postgres
/// ```
public enum StoreLocation: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(PostgresLocation)

    /// The embedded default.
    public static let defaultPath = "reports/canary.sqlite"

    /// Reads `text`: a `postgres://` or `postgresql://` URL, anything else a file path.
    ///
    /// - Parameter environment: supplies `PGPASSWORD` (and `PGUSER`) for a URL that leaves them out.
    /// - Throws: `CanaryError.usage` naming what is wrong with a PostgreSQL URL.
    public init(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        if PostgresLocation.isURL(text) {
            self = .postgres(try PostgresLocation(url: text, environment: environment))
        } else {
            self = .sqlite(path: text)
        }
    }

    /// The location for messages and reports: never with a password.
    public var description: String {
        switch self {
        case .sqlite(let path): path
        case .postgres(let location): location.description
        }
    }
}

/// A PostgreSQL database named by URL: `postgres://user@host:port/database?sslmode=…`.
///
/// The password is best left out of the URL and given in `PGPASSWORD`; either way it is used only to connect and
/// never printed or stored.
public struct PostgresLocation: Sendable, Equatable, CustomStringConvertible {
    /// How the connection uses TLS, as libpq's `sslmode` names it.
    public enum TLSMode: String, Sendable, CaseIterable {
        /// Plain TCP.
        case disable
        /// TLS when the server offers it, the certificate not verified (libpq's default).
        case prefer
        /// TLS or no connection, the certificate not verified.
        case require
        /// TLS with the certificate verified against the trusted roots, the host name not checked.
        case verifyCA = "verify-ca"
        /// TLS with the certificate and the host name verified.
        case verifyFull = "verify-full"
    }

    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String
    public var tls: TLSMode
    /// PEM file of the roots that verify the server (`sslrootcert`); the system's roots without it.
    public var rootCertificate: String?

    public init(
        host: String, port: Int = 5432, user: String, password: String? = nil, database: String,
        tls: TLSMode = .prefer, rootCertificate: String? = nil
    ) {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.database = database
        self.tls = tls
        self.rootCertificate = rootCertificate
    }

    static func isURL(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    /// Parses a `postgres://` URL; user and password may also come from `PGUSER` and `PGPASSWORD`.
    public init(url text: String, environment: [String: String] = [:]) throws {
        let shape = "postgres://USER@HOST:PORT/DATABASE"
        guard let components = URLComponents(string: text), let host = components.host, !host.isEmpty else {
            throw CanaryError.usage(
                "The database URL \(Self.redacted(text)) has no host.", hint: "Write it as \(shape).")
        }
        // URLComponents decodes the user and password already: `%40` is an `@` in them.
        guard let user = components.user ?? environment["PGUSER"] else {
            throw CanaryError.usage(
                "The database URL \(Self.redacted(text)) names no user.",
                hint: "Write it as \(shape), or set PGUSER.")
        }
        let database = String(components.path.drop { $0 == "/" })
        var tls = TLSMode.prefer
        var rootCertificate: String?
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let mode = item.value.flatMap(TLSMode.init(rawValue:)) else {
                    throw CanaryError.usage(
                        "The database URL's sslmode=\(item.value ?? "") is not one canary knows.",
                        hint: "Use one of \(TLSMode.allCases.map(\.rawValue).joined(separator: ", ")).")
                }
                tls = mode
            case "sslrootcert":
                rootCertificate = item.value
            default:
                throw CanaryError.usage(
                    "The database URL's parameter \(item.name) is not one canary knows.",
                    hint: "Only sslmode and sslrootcert are read; give the password in PGPASSWORD.")
            }
        }
        self.init(
            host: host, port: components.port ?? 5432, user: user,
            password: components.password ?? environment["PGPASSWORD"],
            database: database.isEmpty ? user : database, tls: tls, rootCertificate: rootCertificate)
    }

    /// `postgres://user@host:port/database`, without the password.
    public var description: String {
        let host = self.host.contains(":") ? "[\(self.host)]" : self.host
        return "postgres://\(user)@\(host):\(port)/\(database)"
    }

    /// `text` with any password in it replaced, for error messages about a URL that did not parse.
    static func redacted(_ text: String) -> String {
        guard let at = text.lastIndex(of: "@"), let scheme = text.range(of: "://"),
              let colon = text[scheme.upperBound..<at].firstIndex(of: ":")
        else { return text }
        return text[..<text.index(after: colon)] + "…" + text[at...]
    }
}
