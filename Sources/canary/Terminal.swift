#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Line-oriented output that reaches CI logs as it happens.
enum Terminal {
    /// Makes standard output line-buffered even when it is a pipe.
    static func lineBuffered() {
        setvbuf(stdout, nil, _IOLBF, 0)
    }

    /// Prints a progress or result line.
    static func line(_ text: String) {
        print(text)
    }

    /// Prints an error to standard error.
    static func error(_ text: String) {
        fputs("error: \(text)\n", stderr)
    }
}
