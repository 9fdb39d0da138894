/// A gzip body that inflates to far more than it weighs: one zero byte, then back-references of 258 bytes at
/// distance 1, in a single fixed-Huffman deflate block (RFC 1951 §3.2.6), about 13 bits per 258 bytes.
///
/// The trailer's CRC is left zero: a reader with a decompression limit stops long before it checks it.
enum GzipBomb {
    static func make(inflatedSize: Int) -> [UInt8] {
        var bits = BitWriter()
        bits.write(1, count: 1)  // BFINAL
        bits.write(1, count: 2)  // BTYPE 01: fixed Huffman codes
        bits.writeCode(0x30, length: 8)  // literal 0
        for _ in 0..<(inflatedSize - 1) / 258 {
            bits.writeCode(0xC5, length: 8)  // length code 285: 258 bytes
            bits.writeCode(0, length: 5)  // distance code 0: distance 1
        }
        bits.writeCode(0, length: 7)  // end of block
        let header: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF]
        let size = UInt32(truncatingIfNeeded: 1 + (inflatedSize - 1) / 258 * 258)
        let trailer: [UInt8] = [0, 0, 0, 0] + (0..<4).map { UInt8(truncatingIfNeeded: size >> (8 * $0)) }
        return header + bits.bytes + trailer
    }
}

/// Packs bits least significant first, as deflate does.
private struct BitWriter {
    private(set) var bytes: [UInt8] = []
    private var used = 8

    /// Writes `count` bits of `value`, low bit first (header fields and extra bits).
    mutating func write(_ value: Int, count: Int) {
        for index in 0..<count { bit((value >> index) & 1) }
    }

    /// Writes a Huffman code, high bit first.
    mutating func writeCode(_ code: Int, length: Int) {
        for index in (0..<length).reversed() { bit((code >> index) & 1) }
    }

    private mutating func bit(_ value: Int) {
        if used == 8 {
            bytes.append(0)
            used = 0
        }
        bytes[bytes.count - 1] |= UInt8(value) << used
        used += 1
    }
}
