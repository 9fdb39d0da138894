import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOHTTPCompression
import NIOPosix
import NIOSSL

/// A failure on the wire, named: a stable class for grouping and a sentence a person understands.
///
/// Every misbehaviour the harness knows (refused, reset, stall, truncated, huge or inflating bodies,
/// header floods, garbage status lines, TLS and DNS failures, redirect loops) has its own class;
/// only an error nobody has seen yet stays `other`, with its raw text kept in the sentence.
public struct TransportFailure: Error, Sendable, Equatable {
    /// The stable class, e.g. `truncated`.
    public let errorClass: ErrorClass
    /// What happened, e.g. "the connection closed in the middle of the answer".
    public let sentence: String

    /// A failure with the given class and sentence.
    public init(_ errorClass: ErrorClass, _ sentence: String) {
        self.errorClass = errorClass
        self.sentence = sentence
    }

    /// Names an error thrown by the HTTP client, NIO or TLS while talking to the target.
    public init(_ error: any Error) {
        self = Self.named(error) ?? Self(.other, "request failed: \(String(describing: error))")
    }

    private static func named(_ error: any Error) -> Self? {
        if let failure = error as? TransportFailure { return failure }
        if let error = error as? HTTPClientError { return client(error) }
        if let error = error as? HTTPParserError { return parser(error) }
        if let error = error as? NIOTooManyBytesError {
            let limit = error.maxBytes.map { "the \(byteText($0)) a probe reads" } ?? "what a probe reads"
            return Self(.bodyTooLarge, "the answer's body is larger than \(limit)")
        }
        if let error = error as? NIOHTTPDecompression.DecompressionError { return decompression(error) }
        if error is NIOSSLError || error is BoringSSLError { return tls(String(describing: error)) }
        if let error = error as? NIOSSLExtraError {
            if error == .failedToValidateHostname || error == .serverHostnameImpossibleToMatch {
                return Self(.tls, "the target's certificate does not name its host")
            }
            return Self(.tls, "the target's certificate was not accepted")
        }
        if let error = error as? NIOConnectionError { return connection(error) }
        if let error = error as? SocketAddressError.UnknownHost {
            return Self(.dns, "the host name \(error.host) does not resolve")
        }
        if let error = error as? IOError { return io(error) }
        if let error = error as? ChannelError { return channel(error) }
        return nil
    }

    private static func client(_ error: HTTPClientError) -> Self? {
        switch error {
        case .deadlineExceeded, .readTimeout, .writeTimeout, .cancelled:
            return Self(.timeout, "no complete answer within the probe's timeout")
        case .getConnectionFromPoolTimeout:
            return Self(.timeout, "no connection to the target came free within the probe's timeout")
        case .connectTimeout:
            return Self(.connection, "the target did not accept a connection before the connect timeout")
        case .remoteConnectionClosed:
            return Self(.connection, "the target closed the connection without answering")
        case .tlsHandshakeTimeout:
            return Self(.tls, "the TLS handshake did not finish before the timeout")
        case .uncleanShutdown:
            return Self(.truncated, "the target closed the TLS connection without close_notify, so the answer may be cut")
        case .redirectLimitReached, .redirectCycleDetected:
            return Self(.redirectLoop, "the target's redirects go round in a circle")
        case .invalidURL, .emptyHost, .emptyScheme:
            return Self(.invalidURL, "the target URL is not valid (\(error)); check the target's base URL and paths")
        case .identityCodingIncorrectlyPresent, .chunkedSpecifiedMultipleTimes, .incompatibleHeaders,
            .httpEndReceivedAfterHeadWith1xx:
            return Self(.protocolViolation, "the answer's framing is not valid HTTP/1.1 (\(error))")
        default:
            return nil
        }
    }

    private static func parser(_ error: HTTPParserError) -> Self {
        switch error {
        case .headerOverflow:
            return Self(.headerOverflow, "the answer's headers are larger than the 80 KiB the HTTP parser accepts")
        case .invalidEOFState, .closedConnection:
            return Self(.truncated, "the connection closed in the middle of the answer")
        case .invalidStatus:
            return Self(.protocolViolation, "the answer's status line has no valid HTTP status code")
        case .invalidConstant, .invalidVersion:
            return Self(.protocolViolation, "the answer does not start with an HTTP status line")
        default:
            return Self(.protocolViolation, "the answer is not valid HTTP/1.1 (the parser says: \(error))")
        }
    }

    private static func decompression(_ error: NIOHTTPDecompression.DecompressionError) -> Self {
        switch error {
        case .limit:
            return Self(.decompression, "the compressed body inflates past 20× its size (a decompression bomb); reading stopped")
        case .inflationError, .initializationError:
            return Self(.decompression, "the body is not valid data for its Content-Encoding (\(error))")
        }
    }

    /// Names a TLS failure by the reason BoringSSL gives (`…:OPENSSL_internal:REASON at …`).
    private static func tls(_ text: String) -> Self {
        let reason = text.components(separatedBy: "OPENSSL_internal:").dropFirst().first?
            .prefix { $0 != " " && $0 != "]" && $0 != ")" }
        switch reason {
        case "WRONG_VERSION_NUMBER", "HTTP_REQUEST", "PACKET_LENGTH_TOO_LONG":
            return Self(.tls, "the target does not speak TLS on that port (is it plain http?)")
        case "CERTIFICATE_VERIFY_FAILED":
            return Self(
                .tls,
                "the target's certificate is not trusted: expired, self-signed or from an unknown authority (a private CA goes in --ca-file)")
        case let reason?:
            return Self(.tls, "the TLS handshake failed (\(reason.lowercased().replacingOccurrences(of: "_", with: " ")))")
        case nil:
            return Self(.tls, "the TLS handshake failed")
        }
    }

    private static func connection(_ error: NIOConnectionError) -> Self {
        if error.connectionErrors.isEmpty, error.dnsAError != nil || error.dnsAAAAError != nil {
            return Self(.dns, "the host name \(error.host) does not resolve")
        }
        if let first = error.connectionErrors.first?.error { return named(first) ?? Self(.connection, "\(first)") }
        return Self(.connection, "could not connect to \(error.host):\(error.port)")
    }

    private static func io(_ error: IOError) -> Self {
        switch error.errnoCode {
        case ECONNREFUSED: return Self(.connection, "the target refused the connection (nothing listens on that port)")
        case ECONNRESET, EPIPE: return Self(.connection, "the target reset the connection")
        case ETIMEDOUT: return Self(.timeout, "the connection to the target timed out")
        case EHOSTUNREACH, ENETUNREACH: return Self(.connection, "the target's network is unreachable")
        default: return Self(.connection, "the connection failed: \(error)")
        }
    }

    private static func channel(_ error: ChannelError) -> Self {
        switch error {
        case .connectTimeout: return Self(.connection, "the target did not accept a connection before the connect timeout")
        case .eof, .ioOnClosedChannel, .alreadyClosed, .outputClosed, .inputClosed:
            return Self(.connection, "the connection closed before the answer")
        default: return Self(.connection, "the connection failed: \(error)")
        }
    }

    private static func byteText(_ bytes: Int) -> String {
        bytes >= 1 << 20 ? "\(bytes >> 20) MiB" : bytes >= 1 << 10 ? "\(bytes >> 10) KiB" : "\(bytes) bytes"
    }
}
