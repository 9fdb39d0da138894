import Crypto
import FakeSupport
import Foundation
import Synchronization

/// CRM tokens kept encrypted at rest (AES-GCM under a key derived from `ENCRYPTION_KEY`).
///
/// Only ``grant(for:)`` opens a sealed grant, when a call to the CRM needs it.
final class TokenVault: Sendable {
    /// What a CRM granted.
    struct Grant: Codable, Sendable {
        var accessToken: String
        var refreshToken: String?
        /// Zoho's `api_domain`: where its CRM API lives.
        var apiDomain: String?
    }

    /// A connection as it rests: the sealed grant and facts that are not secret.
    struct Entry: Sendable {
        var sealed: Data
        var expiresAt: ContinuousClock.Instant
        var scopes: [String]
        var workspaceID: String
    }

    private let key: SymmetricKey
    private let entries = Mutex<[CRMProvider: Entry]>([:])

    init(encryptionKey: String) {
        key = SymmetricKey(data: SHA256.hash(data: Array(encryptionKey.utf8)))
    }

    /// Seals and keeps a grant for `provider`, replacing any earlier one.
    func store(_ grant: Grant, expiresIn: Duration, scopes: [String], workspaceID: String, for provider: CRMProvider)
        throws
    {
        let sealed = try AES.GCM.seal(JSONEncoder().encode(grant), using: key).combined ?? Data()
        let entry = Entry(sealed: sealed, expiresAt: .now + expiresIn, scopes: scopes, workspaceID: workspaceID)
        entries.withLock { $0[provider] = entry }
    }

    /// The facts about `provider`'s connection, without opening it.
    func entry(for provider: CRMProvider) -> Entry? {
        entries.withLock { $0[provider] }
    }

    /// Opens `provider`'s grant; nil when not connected.
    func grant(for provider: CRMProvider) throws -> Grant? {
        guard let entry = entry(for: provider) else { return nil }
        return try JSONDecoder().decode(Grant.self, from: AES.GCM.open(AES.GCM.SealedBox(combined: entry.sealed), using: key))
    }
}
