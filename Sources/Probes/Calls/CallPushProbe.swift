import Foundation
import Synchronization

/// `call.push`: a finished voice-agent call arrives in the CRM as an activity titled `Call <call_id>`,
/// linked to the contact, with the call's direction. Attempts alternate outbound and inbound.
///
/// Emits `canary_call_arrival_seconds{provider=…,direction=…}`, from `call_ended` to arrival.
public struct CallPushProbe: Probe {
    public let id = "call.push"
    public let provider: String?
    private let attempts = AttemptCounter()

    /// The contact every canary call is with; the backend finds or creates it.
    public static let contactEmail = "canary+calls@canary.test"
    /// Pause between reads of the CRM, which rate-limits searches.
    public static let readInterval: Duration = .milliseconds(200)

    /// A probe for one provider.
    public init(provider: String) { self.provider = provider }

    public func run(in context: ProbeContext) async throws -> ProbeOutcome {
        let provider = self.provider ?? ""
        let deadline = ProbeDeadline(timeout: context.timeout)
        let call = CallEvents(
            callID: "call_" + WebhookEvents.randomHex(16), direction: attempts.next() % 2 == 0 ? "outbound" : "inbound",
            contactEmail: Self.contactEmail, provider: provider, workspaceID: context.target.workspaceID,
            endedAt: Int64(Date().timeIntervalSince1970 * 1000))
        return try await probeAttempt {
            let reader = try CRMReaders.reader(for: provider, in: context)
            let retell = WebhookSender(source: "retell", context: context)
            let sent = ContinuousClock.now
            _ = try await retell.deliver(call.ended)
            _ = try await retell.deliver(call.analyzed)
            let what = "\(call.direction) call \(call.callID) linked to its contact in \(provider)"
            let activity = try await deadline.poll(every: Self.readInterval, what, failingAs: .check) {
                try await linkedActivity(call, reader, deadline)
            }
            let seconds = ProbeDeadline.seconds(since: sent)
            let sample = MetricSample(
                name: "canary_call_arrival_seconds", labels: ["provider": provider, "direction": call.direction],
                value: seconds)
            if let direction = activity.direction, direction != call.direction {
                return .fail(.check, "\(provider) call \(call.callID) has direction \(direction), sent \(call.direction)", samples: [sample])
            }
            let note = activity.direction == nil ? " (\(provider) records no direction)" : ""
            return .pass(String(format: "%@ call arrived in %@ after %.3fs%@", call.direction, provider, seconds, note), samples: [sample])
        }
    }

    /// The call's activity once it exists and is linked to the contact with the call's email.
    private func linkedActivity(_ call: CallEvents, _ reader: any CRMReader, _ deadline: ProbeDeadline) async throws -> CRMCallActivity? {
        guard let activity = try await reader.callActivity(titled: call.title, deadline: deadline) else { return nil }
        let contacts = try await reader.contacts(withEmails: [call.contactEmail], deadline: deadline)
        return contacts.contains { activity.contactIDs.contains($0.id) } ? activity : nil
    }
}

/// Counts a probe instance's attempts, shared by its copies.
final class AttemptCounter: Sendable {
    private let count = Atomic<Int>(0)

    /// The number of attempts before this one.
    func next() -> Int { count.add(1, ordering: .relaxed).oldValue }
}
