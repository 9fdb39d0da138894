import FakeSupport
import Synchronization

/// Calls the voice agent reported, and the activity each became in each CRM.
final class CallLedger: Sendable {
    private struct Key: Hashable { var callID: String; var provider: CRMProvider }
    private let calls = Mutex<[String: CallActivity]>([:])
    private let activities = Mutex<[Key: String]>([:])

    /// Remembers the latest word on a call.
    func record(_ call: CallActivity) {
        calls.withLock { $0[call.callID] = call }
    }

    /// The latest word on a call, if it was reported.
    func call(_ callID: String) -> CallActivity? {
        calls.withLock { $0[callID] }
    }

    /// The CRM id of the call's activity at `provider`, once written.
    func activityID(_ callID: String, at provider: CRMProvider) -> String? {
        activities.withLock { $0[Key(callID: callID, provider: provider)] }
    }

    /// Remembers where the call's activity at `provider` lives.
    func setActivityID(_ id: String, for callID: String, at provider: CRMProvider) {
        activities.withLock { $0[Key(callID: callID, provider: provider)] = id }
    }
}
