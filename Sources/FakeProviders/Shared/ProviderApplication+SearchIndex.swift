import FakeSupport
import Hummingbird

extension ProviderApplication {
    /// `GET`, `PUT /__fake/search-index`: the search index's delay, as `{"delay": "250ms"}`.
    /// A provider whose search reads its records directly (Odoo) answers 404.
    func registerSearchIndexRoutes(on router: Router<ProviderRequestContext>) {
        let name = provider.provider.rawValue
        let index = provider.searchIndex
        let path = RouterPath("\(Self.inspectionPrefix)/search-index")

        router.get(path) { _, _ in
            guard let index else { return Self.noSearchIndex(name) }
            return Response.json(Self.json(index))
        }

        router.put(path) { request, _ in
            guard let index else { return Self.noSearchIndex(name) }
            let body = try await request.body.collect(upTo: 1 << 16)
            guard let json = try? JSONValue.parse(body.readableBytesView), let text = json["delay"]?.string,
                let delay = FaultDuration.parse(text)
            else {
                return Self.inspectionError(
                    .badRequest, "Send {\"delay\": \"<duration>\"}, the duration in " + FaultDuration.unitsList + ".")
            }
            index.delay = delay
            return Response.json(Self.json(index))
        }
    }

    private static func json(_ index: SearchIndex) -> JSONValue {
        ["delay": .string(FaultDuration.text(index.delay))]
    }

    private static func noSearchIndex(_ name: String) -> Response {
        inspectionError(.notFound, "The fake \(name) searches its records directly; there is no index delay.")
    }
}
