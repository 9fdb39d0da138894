import Hummingbird

extension FakeZoho {
    /// `actions/watch`: POST subscribes, PUT replaces, PATCH merges, GET lists, DELETE disables.
    func watch(_ call: ZohoCall) async throws -> Response {
        switch call.request.method {
        case .get:
            let channels = await state.channels(orgID: call.orgID)
            guard !channels.isEmpty else { return Response(status: .noContent) }
            return zohoJSON(["watch": .array(channels.map(\.description))])
        case .delete:
            let ids = (call.query["channel_ids"] ?? "").split(separator: ",").map(String.init)
            guard !ids.isEmpty else { throw ZohoError.requiredParam(["channel_ids"]) }
            return zohoJSON(["watch": .array(await state.unwatch(orgID: call.orgID, channelIDs: ids))])
        default:
            let body = try await call.json()
            guard let entries = body["watch"]?.array, !entries.isEmpty else { throw ZohoError.mandatoryMissing("watch") }
            guard entries.count <= 100 else { throw ZohoError.limitExceeded(limit: 100) }
            let mode: ZohoState.WatchMode =
                switch call.request.method {
                case .put: .replace
                case .patch: .merge
                default: .subscribe
                }
            let rows = await state.watch(
                orgID: call.orgID, entries: entries, mode: mode, resourceBase: call.resourceBase)
            let failed = rows.filter { $0["status"]?.string == "error" }.count
            let status: HTTPResponse.Status =
                failed == rows.count ? .badRequest : failed > 0 ? HTTPResponse.Status(code: 207) : .ok
            return zohoJSON(["watch": .array(rows)], status: status)
        }
    }
}
