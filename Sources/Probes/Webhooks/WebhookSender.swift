import Foundation
import NIOCore

/// Posts webhooks for one source to the backend's intake, signed as the plan says (or deliberately mis-signed).
struct WebhookSender: Sendable {
    /// The webhook source, e.g. `hubspot` or `retell`.
    let source: String
    let context: ProbeContext

    var signing: WebhookSigning { context.target.signing(for: source) }
    var path: String { context.target.paths.webhooks.replacingOccurrences(of: "{provider}", with: source) }

    /// The signing secret.
    /// - Throws: ``ProbeFailure`` when the scheme needs one and the environment lacks it.
    func secret() throws -> Secret<String>? {
        guard signing.scheme.needsSecret else { return nil }
        guard let name = signing.secretName, let secret = context.secrets[name] else {
            let name = signing.secretName ?? "target.signing.\(source).secret"
            throw ProbeFailure.unverified("\(name) is not set (signs \(source) webhooks)")
        }
        return secret
    }

    /// Posts `payload` signed as `variant`.
    func post(_ payload: WebhookPayload, variant: SignatureVariant = .genuine) async throws -> ProbeResponse {
        let signed = signing.sign(
            payload, url: context.target.backendURL + path, at: Date(), secret: try secret(), variant: variant)
        return try await context.send(
            .POST, path, headers: [("Content-Type", "application/json")] + signed.headers,
            body: ByteBuffer(bytes: signed.body))
    }

    /// Posts `payload` genuinely signed and requires it accepted.
    /// - Returns: the event id the backend reported (else the payload's) and whether it called it a duplicate.
    func deliver(_ payload: WebhookPayload) async throws -> (eventID: String, duplicate: Bool) {
        let response = try await post(payload)
        guard response.isSuccess else {
            throw ProbeFailure.fail(
                .httpStatus, "signed \(source) webhook answered \(response.status)\(response.errorWord.map { " (\($0))" } ?? "")")
        }
        guard let body = response.jsonObject, body["accepted"] as? Bool == true else {
            throw ProbeFailure.fail(.badBody, "signed \(source) webhook answer lacks \"accepted\": true")
        }
        let eventID = (body["event_ids"] as? [Any])?.first.flatMap(JSONValue.id) ?? payload.eventID
        return (eventID, body["duplicate"] as? Bool ?? false)
    }

    /// Posts a forged and (for timestamped schemes) a stale copy of fresh events; both must be refused.
    /// - Returns: what was checked, for the detail.
    func checkRefusals(makeEvent: () -> WebhookPayload) async throws -> String {
        guard signing.scheme != .none else { return "forged/stale checks skipped (\(source) is unsigned)" }
        var variants: [SignatureVariant] = [.forged]
        if signing.scheme.isTimestamped { variants.append(.stale) }
        for variant in variants {
            let response = try await post(makeEvent(), variant: variant)
            if response.isSuccess {
                throw ProbeFailure.brokenRelease("the backend accepted a \(variant) \(source) webhook")
            }
            guard (400..<500).contains(response.status) else {
                throw ProbeFailure.fail(.httpStatus, "\(variant) \(source) webhook answered \(response.status), expected 401")
            }
        }
        return variants.count == 2 ? "forged and stale refused" : "forged refused"
    }
}
