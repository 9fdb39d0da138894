import FakeSupport
import Foundation
import HTTPTypes
import Hummingbird

/// An error answered in HubSpot's shape: `{"status":"error","message","correlationId","category",…}`.
struct HubSpotError: Error, Sendable {
    var status: HTTPResponse.Status
    var category: String
    var message: String
    var subCategory: String?
    var context: [String: [String]]?
    var errors: [JSONValue]?
    var links: [String: String]?
    var extraHeaders: HTTPFields = [:]
    /// Replaces the whole body, for the OAuth endpoints' own shape.
    var body: JSONValue?

    func response() -> Response {
        let value = body ?? json(correlationId: UUID().uuidString.lowercased())
        var response = Response.json(value, status: status, headers: extraHeaders)
        response.headers[.init("X-HubSpot-Correlation-Id")!] = value["correlationId"]?.string
        return response
    }

    func json(correlationId: String) -> JSONValue {
        var object: [String: JSONValue] = [
            "status": "error", "message": .string(message), "correlationId": .string(correlationId),
            "category": .string(category),
        ]
        if let subCategory { object["subCategory"] = .string(subCategory) }
        if let context { object["context"] = .object(context.mapValues { .array($0.map(JSONValue.string)) }) }
        if let errors { object["errors"] = .array(errors) }
        if let links { object["links"] = .object(links.mapValues(JSONValue.string)) }
        return .object(object)
    }
}

extension HubSpotError {
    static func validation(_ message: String, errors: [JSONValue]? = nil, context: [String: [String]]? = nil) -> Self {
        HubSpotError(status: .badRequest, category: "VALIDATION_ERROR", message: message, context: context, errors: errors)
    }

    static func invalidJSON(_ error: JSONParseError) -> Self {
        validation("Invalid input JSON on line \(error.line), column \(error.column): \(error.reason)")
    }

    static let missingAuthentication = HubSpotError(
        status: .unauthorized, category: "INVALID_AUTHENTICATION",
        message: "Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find "
            + "more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview")

    static let invalidToken = HubSpotError(
        status: .unauthorized, category: "INVALID_AUTHENTICATION",
        message: "The OAuth token used to make this call is not valid. Exchange an authorization code or refresh "
            + "token for a new one at POST /oauth/v1/token.")

    static func expiredToken(secondsAgo: Int) -> Self {
        HubSpotError(
            status: .unauthorized, category: "EXPIRED_AUTHENTICATION",
            message: "The OAuth token used to make this call expired \(max(secondsAgo, 0)) second(s) ago.")
    }

    static func missingScopes(_ scopes: [String]) -> Self {
        HubSpotError(
            status: .forbidden, category: "MISSING_SCOPES",
            message: "This app hasn't been granted all required scopes to make this call. Read more about required "
                + "scopes here: https://developers.hubspot.com/scopes.",
            errors: [
                [
                    "message": "One or more of the following scopes are required.",
                    "context": ["requiredGranularScopes": .array(scopes.map(JSONValue.string))],
                ]
            ],
            links: ["scopes": "https://developers.hubspot.com/scopes"])
    }

    static func notFound(_ message: String, context: [String: [String]]? = nil) -> Self {
        HubSpotError(status: .notFound, category: "OBJECT_NOT_FOUND", message: message, context: context)
    }

    static func conflict(_ message: String) -> Self {
        HubSpotError(status: .conflict, category: "CONFLICT", message: message)
    }

    static let internalError = HubSpotError(
        status: .internalServerError, category: "INTERNAL_ERROR", message: "internal error")

    /// An OAuth token endpoint error: HTTP 400 with `status`, `message`, and the OAuth `error` fields.
    static func oauth(_ status: String, _ message: String, error: String) -> Self {
        let correlationId = UUID().uuidString.lowercased()
        return HubSpotError(
            status: .badRequest, category: "VALIDATION_ERROR", message: message,
            body: [
                "status": .string(status), "message": .string(message), "correlationId": .string(correlationId),
                "error": .string(error), "error_description": .string(message),
            ])
    }
}
