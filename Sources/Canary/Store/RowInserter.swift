import GRDB
import GRDBSQLite

/// A prepared INSERT whose parameters are bound straight through SQLite's C API: the hot path of recording, without
/// boxing every value into a `DatabaseValue` first.
struct RowInserter {
    private let statement: Statement
    private let db: Database
    private var handle: OpaquePointer { statement.sqliteStatement }
    /// SQLite copies the bytes it is given before the call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(_ db: Database, sql: String) throws {
        self.db = db
        statement = try db.cachedStatement(sql: sql)
    }

    func bind(_ index: Int32, _ text: String?) {
        guard var text else { sqlite3_bind_null(handle, index); return }
        text.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                if let address = chars.baseAddress {
                    _ = sqlite3_bind_text(handle, index, address, Int32(chars.count), Self.transient)
                } else {
                    // An empty buffer may have no address; a NULL pointer would store NULL, not "".
                    _ = sqlite3_bind_text(handle, index, "", 0, Self.transient)
                }
            }
        }
    }

    func bind(_ index: Int32, _ value: Double?) {
        guard let value else { sqlite3_bind_null(handle, index); return }
        sqlite3_bind_double(handle, index, value)
    }

    func bind(_ index: Int32, _ value: Int64) { sqlite3_bind_int64(handle, index, value) }

    func bind(_ index: Int32, _ flag: Bool) { sqlite3_bind_int(handle, index, flag ? 1 : 0) }

    /// Inserts the row bound so far and readies the statement for the next.
    /// - Throws: `DatabaseError` with SQLite's own message.
    func insert() throws {
        let code = sqlite3_step(handle)
        sqlite3_reset(handle)
        guard code == SQLITE_DONE else {
            throw DatabaseError(
                resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
        }
    }
}
