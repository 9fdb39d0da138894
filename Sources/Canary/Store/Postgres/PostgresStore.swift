import Foundation
import Logging
import NIOSSL
import PostgresNIO

/// The run database in PostgreSQL: the tables and migrations of the SQLite store, for a team that keeps its canary
/// history in one server and records runs from more than one machine.
///
/// It lives only inside ``with(_:logger:_:)``, which owns the connection pool:
///
/// ```swift
/// let location = try PostgresLocation(url: "postgres://canary@db.internal/runs")
/// try await PostgresStore.with(location, logger: logger) { store in
///     try await store.begin(run)
/// }
/// ```
///
/// Every read orders its rows the way the SQLite store does, so a report rebuilt from either has the same bytes.
public final class PostgresStore: RunStore {
    let client: PostgresClient
    let logger: Logger
    public let location: String

    private init(client: PostgresClient, location: String, logger: Logger) {
        self.client = client
        self.location = location
        self.logger = logger
    }

    /// Connects to `location`, brings its schema up to date, runs `body` with the store, then closes every connection.
    ///
    /// - Throws: `CanaryError.storeFailed` when the server cannot be reached, refuses the login, or the schema cannot
    ///   be migrated; whatever `body` throws.
    public static func with<T>(
        _ location: PostgresLocation, logger: Logger, _ body: (PostgresStore) async throws -> T
    ) async throws -> T {
        let settings: PostgresSettings
        do {
            settings = try PostgresSettings(location)
            // One connection of its own first: a wrong host, port, password or database is an error at once,
            // where the pool would go on retrying.
            let connection = try await PostgresConnection.connect(
                configuration: settings.connection, id: 1, logger: logger)
            do {
                try await PostgresMigrations.migrate(connection, logger: logger)
                try? await connection.close()
            } catch {
                try? await connection.close()
                throw error
            }
        } catch {
            throw CanaryError.storeFailed(
                location.description, PostgresFailure(connecting: error),
                hint: PostgresFailure.hint(for: error, location: location))
        }
        // The pool queues what is asked before `run()` has begun, and warns about it: not worth a line. Its
        // connection failures still reach the caller, as the failed queries' errors.
        var quiet = logger
        quiet.logLevel = max(logger.logLevel, .error)
        let client = PostgresClient(configuration: settings.client, backgroundLogger: quiet)
        let store = PostgresStore(client: client, location: location.description, logger: quiet)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            return try await body(store)
        }
    }

    /// Runs `body`, turning what PostgreSQL throws into a ``PostgresFailure`` that says what was being done.
    func perform<T>(_ what: String, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as PSQLError {
            throw PostgresFailure(error, while: what)
        } catch let error as PostgresDecodingError {
            throw PostgresFailure(error, while: what)
        }
    }
}

/// The connection settings of a ``PostgresLocation``, for one connection and for the pool.
struct PostgresSettings {
    var connection: PostgresConnection.Configuration
    var client: PostgresClient.Configuration

    init(_ location: PostgresLocation) throws {
        var tls = TLSConfiguration.makeClientConfiguration()
        switch location.tls {
        case .disable, .prefer, .require: tls.certificateVerification = .none
        case .verifyCA: tls.certificateVerification = .noHostnameVerification
        case .verifyFull: tls.certificateVerification = .fullVerification
        }
        if let roots = location.rootCertificate { tls.trustRoots = .file(roots) }
        let connectionTLS: PostgresConnection.Configuration.TLS
        let clientTLS: PostgresClient.Configuration.TLS
        switch location.tls {
        case .disable:
            connectionTLS = .disable
            clientTLS = .disable
        case .prefer:
            connectionTLS = .prefer(try NIOSSLContext(configuration: tls))
            clientTLS = .prefer(tls)
        case .require, .verifyCA, .verifyFull:
            connectionTLS = .require(try NIOSSLContext(configuration: tls))
            clientTLS = .require(tls)
        }
        connection = PostgresConnection.Configuration(
            host: location.host, port: location.port, username: location.user, password: location.password,
            database: location.database, tls: connectionTLS)
        connection.options.connectTimeout = .seconds(10)
        client = PostgresClient.Configuration(
            host: location.host, port: location.port, username: location.user, password: location.password,
            database: location.database, tls: clientTLS)
        client.options.connectTimeout = .seconds(10)
        // The writer, the judge's reads and a report's scans: a handful at most.
        client.options.maximumConnections = 4
    }
}
