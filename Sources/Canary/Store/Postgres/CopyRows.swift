import NIOCore
import PostgresNIO

/// Rows in the text format of PostgreSQL's `COPY … FROM STDIN`: fields split by tabs, rows by newlines, `\N` for
/// NULL, and backslash escapes for the four bytes that would break that shape.
///
/// The store's hot path: one `COPY` carries a whole batch of results in a single statement, with no bind
/// parameters and so no limit of 65,535 of them.
struct CopyRows {
    /// Rows are sent once this many bytes wait, so a batch never sits whole in memory twice.
    static let flushBytes = 1 << 16
    private var buffer = ByteBufferAllocator().buffer(capacity: flushBytes)
    private var fieldsInRow = 0

    mutating func field(_ text: String?) {
        separate()
        guard var text else { buffer.writeStaticString("\\N"); return }
        text.withUTF8 { bytes in
            var start = 0
            for (index, byte) in bytes.enumerated() {
                let escape: UInt8
                switch byte {
                case UInt8(ascii: "\\"): escape = UInt8(ascii: "\\")
                case UInt8(ascii: "\t"): escape = UInt8(ascii: "t")
                case UInt8(ascii: "\n"): escape = UInt8(ascii: "n")
                case UInt8(ascii: "\r"): escape = UInt8(ascii: "r")
                // PostgreSQL text cannot hold NUL; U+FFFD stands in for it, as for any byte it cannot store.
                case 0:
                    buffer.writeBytes(UnsafeBufferPointer(rebasing: bytes[start..<index]))
                    buffer.writeBytes([0xEF, 0xBF, 0xBD])
                    start = index + 1
                    continue
                default: continue
                }
                buffer.writeBytes(UnsafeBufferPointer(rebasing: bytes[start..<index]))
                buffer.writeBytes([UInt8(ascii: "\\"), escape])
                start = index + 1
            }
            buffer.writeBytes(UnsafeBufferPointer(rebasing: bytes[start...]))
        }
    }

    /// A double in the shortest text that reads back as the same bits.
    mutating func field(_ value: Double?) {
        separate()
        guard let value else { buffer.writeStaticString("\\N"); return }
        if value.isNaN {
            buffer.writeStaticString("NaN")
        } else if value.isInfinite {
            buffer.writeStaticString(value < 0 ? "-Infinity" : "Infinity")
        } else {
            buffer.writeString(value.description)
        }
    }

    mutating func field(_ value: Int64) {
        separate()
        buffer.writeString(String(value))
    }

    mutating func field(_ flag: Bool) {
        separate()
        buffer.writeInteger(flag ? UInt8(ascii: "t") : UInt8(ascii: "f"))
    }

    mutating func endRow() {
        buffer.writeInteger(UInt8(ascii: "\n"))
        fieldsInRow = 0
    }

    /// Sends the rows so far once they fill ``flushBytes``.
    mutating func flushIfFull(to writer: PostgresCopyFromWriter) async throws {
        if buffer.readableBytes >= Self.flushBytes { try await flush(to: writer) }
    }

    /// Sends the rows so far and starts an empty buffer.
    mutating func flush(to writer: PostgresCopyFromWriter) async throws {
        let rows = buffer
        buffer = ByteBufferAllocator().buffer(capacity: Self.flushBytes)
        try await writer.write(rows)
    }

    private mutating func separate() {
        if fieldsInRow > 0 { buffer.writeInteger(UInt8(ascii: "\t")) }
        fieldsInRow += 1
    }
}
