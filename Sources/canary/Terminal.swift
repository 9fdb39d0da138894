import Foundation

/// Line-oriented output, written straight to the file descriptors so CI logs show it as it happens.
enum Terminal {
    /// Prints a progress or result line on standard output.
    static func line(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    /// Prints an error on standard error.
    static func error(_ text: String) {
        FileHandle.standardError.write(Data("error: \(text)\n".utf8))
    }
}
