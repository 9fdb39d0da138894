import PostgresNIO

/// What PostgreSQL or the connection to it said, as a sentence: postgres-nio's own errors print only a generic text,
/// so that no query or value leaks; this one names the server's message and code, never a bound value.
struct PostgresFailure: Error, CustomStringConvertible {
    let description: String

    init(_ error: PSQLError, while what: String) {
        description = "PostgreSQL failed to \(what): \(Self.text(of: error))"
    }

    init(_ error: PostgresDecodingError, while what: String) {
        description = "PostgreSQL failed to \(what): column \(error.columnName) holds a value canary cannot read "
            + "(\(error.code)); was the table changed by hand?"
    }

    /// An error while connecting or migrating.
    init(connecting error: any Error) {
        switch error {
        case let error as PSQLError: description = Self.text(of: error)
        case let error as PostgresFailure: description = error.description
        default: description = "\(error)"
        }
    }

    private static func text(of error: PSQLError) -> String {
        if let server = error.serverInfo, let message = server[.message] {
            let code = server[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
            let detail = server[.detail].map { "; \($0)" } ?? ""
            return message + code + detail
        }
        switch error.code {
        case .connectionError:
            return "cannot connect: \(error.underlying.map { "\($0)" } ?? "no answer")"
        case .sslUnsupported:
            return "the server does not offer TLS"
        case .authMechanismRequiresPassword:
            return "the server asks for a password and none was given"
        case .serverClosedConnection, .clientClosedConnection, .uncleanShutdown:
            return "the connection closed (\(error.code))"
        default:
            return "\(error.code)" + (error.underlying.map { ": \($0)" } ?? "")
        }
    }

    /// A failure described only by canary, e.g. a schema written by a newer canary.
    init(description: String) { self.description = description }

    /// What to try when connecting failed with `error`.
    static func hint(for error: any Error, location: PostgresLocation) -> String {
        guard let error = error as? PSQLError else {
            return "Check the URL (postgres://USER@HOST:PORT/DATABASE) and that the server is up."
        }
        if error.code == .authMechanismRequiresPassword || error.serverInfo?[.sqlState] == "28P01" {
            return "Set PGPASSWORD to the password of \(location.user); keep it out of the URL."
        }
        if error.code == .sslUnsupported {
            return "Add ?sslmode=disable or ?sslmode=prefer to the URL, or enable TLS on the server."
        }
        if error.serverInfo?[.sqlState] == "3D000" {
            return "Create it first (createdb \(location.database)), or name another database in the URL."
        }
        return "Check that PostgreSQL listens on \(location.host):\(location.port) and that \(location.user) may "
            + "connect to \(location.database)."
    }
}

extension PostgresTransactionError {
    /// What went wrong, rather than postgres-nio's wrapper: the transaction's own error, else BEGIN's, COMMIT's or
    /// ROLLBACK's.
    var cause: any Error { closureError ?? beginError ?? commitError ?? rollbackError ?? self }
}
