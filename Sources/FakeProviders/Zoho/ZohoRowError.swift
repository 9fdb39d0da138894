import FakeSupport

/// A row-level failure inside a `data` array: `{"code","details","message","status":"error"}`.
struct ZohoRowError: Error, Sendable {
    let code: String
    let message: String
    let details: [String: JSONValue]

    /// The row's entry in the answer's `data` array.
    var body: JSONValue {
        ["code": .string(code), "details": .object(details), "message": .string(message), "status": "error"]
    }

    static func mandatory(_ field: String, row: Int) -> ZohoRowError {
        ZohoRowError(
            code: "MANDATORY_NOT_FOUND", message: "required field not found",
            details: ["api_name": .string(field), "json_path": .string("$.data[\(row)].\(field)")])
    }

    static func invalid(_ field: String, row: Int, expected: String, message: String = "invalid data")
        -> ZohoRowError
    {
        ZohoRowError(
            code: "INVALID_DATA", message: message,
            details: [
                "expected_data_type": .string(expected), "api_name": .string(field),
                "json_path": .string("$.data[\(row)].\(field)"),
            ])
    }

    static func duplicate(_ field: String, row: Int, existing: [String: JSONValue], module: ZohoModule)
        -> ZohoRowError
    {
        ZohoRowError(
            code: "DUPLICATE_DATA", message: "duplicate data",
            details: [
                "api_name": .string(field), "json_path": .string("$.data[\(row)].\(field)"),
                "duplicate_record": [
                    "id": existing["id"] ?? .null,
                    "module": ["api_name": .string(module.apiName), "id": .string(module.id)],
                    "Owner": existing["Owner"] ?? .null,
                ],
            ])
    }
}
