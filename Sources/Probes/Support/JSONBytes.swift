import Foundation

/// Serialises request bodies built from dictionaries and arrays.
enum JSONBytes {
    /// The object as compact JSON with sorted keys; `[]` for anything JSONSerialization refuses.
    static func encode(_ object: Any) -> [UInt8] {
        guard JSONSerialization.isValidJSONObject(object),
            let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        else { return Array("[]".utf8) }
        return Array(data)
    }

    /// A parsed body of any JSON shape, or nil.
    static func decode(_ bytes: some Sequence<UInt8>) -> Any? {
        try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
    }
}

/// Reads JSON numbers and ids that may arrive as numbers or strings.
enum JSONValue {
    /// An integer from a JSON number or numeric string.
    static func int(_ value: Any?) -> Int? {
        if let number = value as? NSNumber { return number.intValue }
        if let text = value as? String { return Int(text) }
        return nil
    }

    /// An id as text, from a JSON number or string.
    static func id(_ value: Any?) -> String? {
        if let text = value as? String { return text }
        if let number = value as? NSNumber { return number.stringValue }
        return nil
    }

    /// Text, treating Odoo's `false` for empty fields as empty.
    static func text(_ value: Any?) -> String { (value as? String) ?? "" }
}
