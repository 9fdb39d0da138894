/// What a sync job does at its CRM.
public enum SyncWork: Sendable, Hashable {
    /// A CRM told us a record changed: read it back from that CRM.
    case recordChanged(recordID: String)
    /// Upsert imported rows into the CRM, keyed by email.
    case importRows(importID: String, rows: [ImportRow])
    /// Write a call activity on the contact with the call's email, creating the contact if needed.
    case callActivity(CallActivity)
    /// Apply a billing event; touches no CRM.
    case billing
}
