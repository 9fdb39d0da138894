/// The developer APIs' own answers: they take the developer API key (`hapikey`), never an OAuth token.
extension HubSpotError {
    static let missingDeveloperKey = HubSpotError(
        status: .unauthorized, category: "INVALID_AUTHENTICATION",
        message: "Authentication credentials not found. This API supports developer API key authentication: send "
            + "the key of the developer account that owns the app as the hapikey query parameter.")

    static let bearerOnDeveloperAPI = HubSpotError(
        status: .unauthorized, category: "INVALID_AUTHENTICATION",
        message: "This API does not accept OAuth or private app access tokens. Send the developer API key of the "
            + "account that owns the app as the hapikey query parameter.")

    static let invalidDeveloperKey = HubSpotError(
        status: .unauthorized, category: "INVALID_AUTHENTICATION",
        message: "The API key provided is invalid. View or manage your API key here: https://app.hubspot.com/l/api-key/",
        links: ["api key": "https://app.hubspot.com/l/api-key/"])

    static func unknownApp(_ appID: String) -> Self {
        notFound("App \(appID) was not found in this developer account.", context: ["appId": [appID]])
    }
}
