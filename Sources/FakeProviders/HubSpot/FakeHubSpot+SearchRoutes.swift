import FakeSupport
import Hummingbird

extension FakeHubSpot {
    /// `POST /crm/v3/objects/{type}/search`: limited to a few requests a second, without rate-limit headers;
    /// objects younger than the search index's delay are not found yet.
    func registerSearchRoutes(on router: Router<ProviderRequestContext>) {
        router.post("/crm/v3/objects/:type/search") { request, context in
            let type = try HubSpotObjectType.require(context.parameters.get("type"))
            let session = try session(request, type, write: false, isSearch: true)
            let search = try HubSpotSearch(try await Self.jsonBody(request))
            // Copy the objects out under the lock (cheap: copy on write), then filter and sort without it.
            let objects = try state.withPortal(session.hubID) { portal in
                (portal.order[type] ?? []).compactMap { portal.object(type, $0) }
            }
            let indexed = searchIndex?.cutoff() ?? .now
            let sorted = search.sorted(objects.filter { !$0.archived && $0.created <= indexed && search.matches($0) })
            let page = Array(sorted.dropFirst(search.offset).prefix(search.limit))
            let total = sorted.count
            let shown = (search.properties?.isEmpty ?? true) ? type.defaultProperties : search.properties!
            var answer: [String: JSONValue] = [
                "total": .int(total), "results": .array(page.map { $0.json(properties: shown) }),
            ]
            let next = search.offset + search.limit
            if next < min(total, HubSpotSearch.maxResults), search.limit > 0 {
                answer["paging"] = ["next": ["after": .string(String(next))]]
            }
            return Response.json(.object(answer), headers: session.headers)
        }
    }
}
