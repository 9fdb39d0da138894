import Crypto
import Foundation
import NIOSSL
import SwiftASN1
import X509

/// A private CA made for one test, and server certificates it signs: valid, expired, or for another host.
struct TestCertificateAuthority {
    /// The CA certificate as PEM, for `--ca-file`.
    let pem: String
    private let key = P256.Signing.PrivateKey()
    private let name: DistinguishedName

    init() throws {
        name = try DistinguishedName { CommonName("canary test CA") }
        let now = Date()
        let certificate = try Certificate(
            version: .v3, serialNumber: .init(), publicKey: .init(key.publicKey),
            notValidBefore: now - 3600, notValidAfter: now + 86_400, issuer: name, subject: name,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
                Critical(KeyUsage(keyCertSign: true))
            },
            issuerPrivateKey: .init(key))
        pem = try certificate.serializeAsPEM().pemString
    }

    /// Writes the CA certificate to a file and returns its path.
    func writePEM(in folder: String) throws -> String {
        let path = folder + "/ca.pem"
        try pem.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// A server configuration for a certificate naming `hosts` (DNS names or IPv4 addresses), valid from
    /// `validFrom` to `validUntil`, signed by this CA.
    func serverConfiguration(
        hosts: [String] = ["127.0.0.1", "localhost"], validFrom: Date = Date() - 3600, validUntil: Date = Date() + 86_400
    ) throws -> TLSConfiguration {
        let serverKey = P256.Signing.PrivateKey()
        let names: [GeneralName] = hosts.map { host in
            let octets = host.split(separator: ".").compactMap { UInt8($0) }
            return octets.count == 4 ? .ipAddress(ASN1OctetString(contentBytes: ArraySlice(octets))) : .dnsName(host)
        }
        let certificate = try Certificate(
            version: .v3, serialNumber: .init(), publicKey: .init(serverKey.publicKey),
            notValidBefore: validFrom, notValidAfter: validUntil, issuer: name,
            subject: try DistinguishedName { CommonName(hosts.first ?? "server") },
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                SubjectAlternativeNames(names)
                try ExtendedKeyUsage([.serverAuth])
            },
            issuerPrivateKey: .init(key))
        return TLSConfiguration.makeServerConfiguration(
            certificateChain: [.certificate(try NIOSSLCertificate(bytes: Array(certificate.serializeAsPEM().pemString.utf8), format: .pem))],
            privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(serverKey.pemRepresentation.utf8), format: .pem)))
    }
}
