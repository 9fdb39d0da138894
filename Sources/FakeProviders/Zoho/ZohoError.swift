import FakeSupport
import Hummingbird

/// A top-level Zoho API error: `{"code","details","message","status":"error"}` with the SDK's codes.
struct ZohoError: Error, Sendable, HTTPResponseError {
    let status: HTTPResponse.Status
    let code: String
    let message: String
    var details: [String: JSONValue] = [:]

    /// The JSON body Zoho answers with.
    var body: JSONValue {
        ["code": .string(code), "details": .object(details), "message": .string(message), "status": "error"]
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        .json(body, status: status)
    }

    static let authenticationFailure = ZohoError(
        status: .unauthorized, code: "AUTHENTICATION_FAILURE", message: "Authentication failed")
    static let invalidToken = ZohoError(status: .unauthorized, code: "INVALID_TOKEN", message: "invalid oauth token")
    static let scopeMismatch = ZohoError(
        status: .unauthorized, code: "OAUTH_SCOPE_MISMATCH", message: "invalid oauth scope to access this URL")
    static let invalidURL = ZohoError(
        status: .notFound, code: "INVALID_URL_PATTERN", message: "Please check if the URL trying to access is a correct one")
    static let invalidMethod = ZohoError(
        status: .methodNotAllowed, code: "INVALID_REQUEST_METHOD",
        message: "The http request method type is not a valid one")
    static let internalError = ZohoError(
        status: .internalServerError, code: "INTERNAL_ERROR", message: "Internal Server Error")

    static func invalidModule(_ name: String) -> ZohoError {
        ZohoError(
            status: .badRequest, code: "INVALID_MODULE", message: "the module name given seems to be invalid",
            details: ["resource_path_index": 0])
    }

    static func invalidBody(_ reason: String) -> ZohoError {
        ZohoError(
            status: .badRequest, code: "INVALID_DATA", message: "the input data is not a valid JSON: \(reason)",
            details: ["expected_data_type": "jsonobject"])
    }

    static func mandatoryMissing(_ name: String) -> ZohoError {
        ZohoError(
            status: .badRequest, code: "MANDATORY_NOT_FOUND", message: "required field not found",
            details: ["api_name": .string(name), "json_path": .string("$.\(name)")])
    }

    static func requiredParam(_ names: [String]) -> ZohoError {
        ZohoError(
            status: .badRequest, code: "REQUIRED_PARAM_MISSING", message: "One of the expected parameter is missing",
            details: ["param": .array(names.map { .string($0) })])
    }

    static func invalidQuery(_ reason: String, details: [String: JSONValue] = [:]) -> ZohoError {
        var details = details
        details["reason"] = .string(reason)
        return ZohoError(status: .badRequest, code: "INVALID_QUERY", message: "Invalid query formed", details: details)
    }

    static func invalidParam(_ name: String, _ message: String = "invalid data") -> ZohoError {
        ZohoError(
            status: .badRequest, code: "INVALID_DATA", message: message,
            details: ["param_name": .string(name)])
    }

    static func limitExceeded(limit: Int) -> ZohoError {
        ZohoError(
            status: .badRequest, code: "LIMIT_EXCEEDED", message: "the limit of records in one call was exceeded",
            details: ["limit": .int(limit), "api_name": "data"])
    }

    static func tooManyRequests(_ what: String) -> ZohoError {
        ZohoError(
            status: .tooManyRequests, code: "TOO_MANY_REQUESTS", message: "\(what). Please try again after some time.")
    }
}
