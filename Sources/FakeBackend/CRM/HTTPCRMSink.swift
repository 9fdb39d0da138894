/// The CRM side for real: each job becomes calls to the connected CRM's own API.
///
/// One worker per provider runs its jobs in order, so a call's `call_analyzed` update follows
/// the activity its `call_ended` created.
struct HTTPCRMSink: CRMSink {
    let connections: CRMConnections
    let calls: CallLedger

    func push(_ job: SyncJob) async throws {
        switch job.work {
        case .billing:
            return
        case .recordChanged(let recordID):
            switch job.provider {
            case .hubspot: try await HubSpotAPI(connections: connections).readContact(recordID)
            case .zoho: try await ZohoAPI(connections: connections).readContact(recordID)
            case .odoo: try await OdooAPI(connections: connections).readPartner(recordID)
            }
        case .importRows(_, let rows):
            switch job.provider {
            case .hubspot: try await HubSpotAPI(connections: connections).upsert(rows)
            case .zoho: try await ZohoAPI(connections: connections).upsert(rows)
            case .odoo: try await OdooAPI(connections: connections).upsert(rows)
            }
        case .callActivity(let activity):
            let existing = calls.activityID(activity.callID, at: job.provider)
            let id: String
            switch job.provider {
            case .hubspot: id = try await HubSpotAPI(connections: connections).writeCall(activity, existing: existing)
            case .zoho: id = try await ZohoAPI(connections: connections).writeCall(activity, existing: existing)
            case .odoo: id = try await OdooAPI(connections: connections).writeCall(activity, existing: existing)
            }
            calls.setActivityID(id, for: activity.callID, at: job.provider)
        }
    }
}
