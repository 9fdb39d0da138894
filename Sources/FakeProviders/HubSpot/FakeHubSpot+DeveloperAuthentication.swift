import Hummingbird

extension FakeHubSpot {
    /// Admits a developer API call: `hapikey` must be the developer API key (a bearer token is refused), and the
    /// path's `{appId}` this app.
    func authenticateDeveloper(_ request: Request, _ context: ProviderRequestContext) throws(HubSpotError) {
        guard let key = request.uri.queryParameters.get("hapikey"), !key.isEmpty else {
            throw request.headers[.authorization] == nil ? .missingDeveloperKey : .bearerOnDeveloperAPI
        }
        guard key == configuration.developerAPIKey else { throw .invalidDeveloperKey }
        let appID = context.parameters.get("appId") ?? ""
        guard Int(appID) == configuration.appID else { throw .unknownApp(appID) }
    }
}
