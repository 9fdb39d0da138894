/// Reads a probe's effects straight from a CRM's own API.
public protocol CRMReader: Sendable {
    /// Every contact whose email is one of `emails`, so that duplicates show.
    func contacts(withEmails emails: [String], deadline: ProbeDeadline) async throws -> [CRMContact]
    /// The call activity titled `title`, if it exists yet.
    func callActivity(titled title: String, deadline: ProbeDeadline) async throws -> CRMCallActivity?
    /// A sent row's fields as this CRM stores them, keyed like ``CRMContact/fields``.
    func expectedFields(_ row: ContactRow) -> [String: String]
}

/// Builds the reader for a provider from the plan's read access.
public enum CRMReaders {
    /// The reader for `provider`.
    /// - Throws: ``ProbeFailure`` (`check`) when the plan gives no read access or its credential is not set.
    public static func reader(for provider: String, in context: ProbeContext) throws -> any CRMReader {
        guard let access = context.target.crmRead[provider] else {
            throw ProbeFailure.unverified(
                context.target.crmReadUnavailable[provider] ?? "no CRM read access for \(provider): set target.crm_read.\(provider)")
        }
        guard let credential = context.secrets[access.credentialSecret] else {
            throw ProbeFailure.unverified(
                "\(access.credentialSecret) is not set (read access to \(provider), to check effects there)")
        }
        switch provider {
        case "hubspot": return HubSpotReader(context: context, access: access, token: credential)
        case "zoho": return ZohoReader(context: context, access: access, token: credential)
        case "odoo": return OdooReader(context: context, access: access, apiKey: credential)
        default: throw ProbeFailure.fail(.check, "no CRM reader for \(provider)")
        }
    }
}
