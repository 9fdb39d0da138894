import Foundation
import NIOSSL

/// How probes trust the target's TLS certificate: the system's roots, plus a private CA when given, or not at all.
public struct ProbeTLS: Sendable, Equatable {
    /// A PEM file of CA certificates trusted besides the system's, for deployments behind a private CA.
    public var caFile: String?
    /// Accept any certificate. Only for a deployment whose certificate cannot be trusted yet; reports say so loudly.
    public var insecureSkipVerify = false

    public init(caFile: String? = nil, insecureSkipVerify: Bool = false) {
        self.caFile = caFile
        self.insecureSkipVerify = insecureSkipVerify
    }

    /// What reports say of a run that did not verify certificates.
    public static let unverifiedSummary = "certificates NOT verified (insecure_skip_verify)"

    /// How the run verifies TLS, as reports show it; nil for the default (system roots).
    public var summary: String? {
        if insecureSkipVerify { return Self.unverifiedSummary }
        return caFile.map { "trusts the CA in \($0) besides the system's" }
    }

    /// The client configuration this describes.
    /// - Throws: ``ProbeTLSError`` when the CA file cannot be read as PEM certificates.
    public func clientConfiguration() throws -> TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if insecureSkipVerify { configuration.certificateVerification = .none }
        if let caFile {
            guard FileManager.default.isReadableFile(atPath: caFile) else { throw ProbeTLSError.unreadable(caFile) }
            let certificates = (try? NIOSSLCertificate.fromPEMFile(caFile)) ?? []
            guard !certificates.isEmpty else { throw ProbeTLSError.notPEM(caFile) }
            configuration.additionalTrustRoots = [.certificates(certificates)]
        }
        return configuration
    }
}

/// A CA file the harness cannot use.
public enum ProbeTLSError: Error, Equatable, CustomStringConvertible {
    case unreadable(String)
    case notPEM(String)

    public var description: String {
        switch self {
        case .unreadable(let path): "CA file \(path) cannot be read; check --ca-file or target.tls.ca_file"
        case .notPEM(let path):
            "CA file \(path) holds no PEM certificate (expected -----BEGIN CERTIFICATE-----); check --ca-file or target.tls.ca_file"
        }
    }
}
