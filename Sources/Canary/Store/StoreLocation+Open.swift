import Foundation
import Logging

extension StoreLocation {
    /// Opens the store at this location (creating and migrating it as needed), runs `body` with it, and closes it.
    ///
    /// - Throws: `CanaryError.storeFailed` when the store cannot be opened; whatever `body` throws.
    public func withStore<T>(logger: Logger, _ body: (any RunStore) async throws -> T) async throws -> T {
        switch self {
        case .sqlite(let path):
            return try await body(try CanaryStore(path: path))
        case .postgres(let location):
            return try await PostgresStore.with(location, logger: logger) { try await body($0) }
        }
    }

    /// Why there can be no runs to read here, for commands that only read: a SQLite file that does not exist.
    /// A PostgreSQL server is asked instead.
    public var missingDatabase: String? {
        guard case .sqlite(let path) = self, !FileManager.default.fileExists(atPath: path) else { return nil }
        return "There is no database at \(path)."
    }
}
