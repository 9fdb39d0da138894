import FakeSupport

extension ZohoModule {
    /// `GET settings/fields?module=` body: each field as the SDK's `Field` model reads it.
    var fieldsMetadata: JSONValue {
        .object(["fields": .array(fields.enumerated().map { index, field in field.metadata(index: index, module: self) })])
    }

    /// One entry of `GET settings/modules`.
    var moduleMetadata: JSONValue {
        [
            "api_name": .string(apiName), "module_name": .string(apiName), "id": .string(id),
            "singular_label": .string(singular), "plural_label": .string(apiName), "api_supported": true,
            "generated_type": "default", "creatable": true, "editable": true, "deletable": true, "viewable": true,
            "visible": true, "global_search_supported": true, "status": "visible",
        ]
    }
}

extension ZohoField {
    /// The field as `settings/fields` describes it.
    func metadata(index: Int, module: ZohoModule) -> JSONValue {
        var entry: [String: JSONValue] = [
            "api_name": .string(apiName), "field_label": .string(label), "display_label": .string(label),
            "data_type": .string(kind.rawValue), "json_type": .string(kind.jsonType),
            "id": .string(String(Int(module.id)! + 100 + index)), "length": .int(length),
            "system_mandatory": .bool(mandatory), "custom_field": false, "read_only": .bool(readOnly),
            "field_read_only": .bool(readOnly), "visible": true, "sequence_number": .int(index + 1),
            "unique": unique ? ["casesensitive": "false"] : [:],
        ]
        if !picklist.isEmpty {
            entry["pick_list_values"] = .array(
                picklist.enumerated().map { offset, value in
                    [
                        "display_value": .string(value), "actual_value": .string(value),
                        "sequence_number": .int(offset + 1), "type": "used",
                    ]
                })
        }
        if let lookupModule, let target = ZohoModule.named(lookupModule) {
            entry["lookup"] = ["module": ["api_name": .string(target.apiName), "id": .string(target.id)]]
        }
        return .object(entry)
    }
}
