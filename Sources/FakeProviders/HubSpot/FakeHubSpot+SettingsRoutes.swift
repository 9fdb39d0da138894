import FakeSupport
import Hummingbird

extension FakeHubSpot {
    /// `GET/PUT /__fake/rate-limits`: the fake's limits per portal (`perTenSeconds`, `perDay`, `searchPerSecond`).
    func registerSettingsRoutes(on router: Router<ProviderRequestContext>) {
        router.get("\(ProviderApplication.inspectionPrefix)/rate-limits") { _, _ in
            Response.json(Self.json(state.rateLimits))
        }
        router.put("\(ProviderApplication.inspectionPrefix)/rate-limits") { request, _ in
            let body = try await Self.jsonBody(request)
            var limits = state.rateLimits
            for (key, value) in body.object ?? [:] {
                guard let number = value.int, number >= 0 else {
                    throw HubSpotError.validation("\(key) must be a whole number of at least 0.")
                }
                switch key {
                case "perTenSeconds": limits.perTenSeconds = number
                case "perDay": limits.perDay = number
                case "searchPerSecond": limits.searchPerSecond = number
                default: throw HubSpotError.validation("Unknown limit \(key); use perTenSeconds, perDay or searchPerSecond.")
                }
            }
            state.setRateLimits(limits)
            return Response.json(Self.json(limits))
        }
    }

    private static func json(_ limits: HubSpotRateLimits) -> JSONValue {
        [
            "perTenSeconds": .int(limits.perTenSeconds), "perDay": .int(limits.perDay),
            "searchPerSecond": .int(limits.searchPerSecond),
        ]
    }
}
