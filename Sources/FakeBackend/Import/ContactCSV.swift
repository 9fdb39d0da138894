import Foundation

/// Reads an uploaded contacts CSV: a header row naming the columns, then one contact per line.
///
/// Columns: `email` (required), `firstname`, `lastname`, `phone`, `company`; `first_name` and
/// `last_name` are accepted too. Fields may be quoted, with `""` for a quote inside.
enum ContactCSV {
    /// A CSV that cannot be imported, with the line at fault.
    struct Problem: Error, CustomStringConvertible {
        let line: Int
        let message: String
        var description: String { "line \(line): \(message)" }
    }

    static func rows(_ text: String) throws(Problem) -> [ImportRow] {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
            .enumerated().filter { !$0.element.allSatisfy(\.isWhitespace) }
        guard let header = lines.first else { throw Problem(line: 1, message: "the file is empty") }
        let names = try fields(header.element, line: header.offset + 1).map { $0.lowercased().replacingOccurrences(of: "_", with: "") }
        guard let email = names.firstIndex(of: "email") else {
            throw Problem(line: 1, message: "the header has no email column")
        }
        func column(_ name: String) -> Int? { names.firstIndex(of: name) }
        var rows: [ImportRow] = []
        for (offset, line) in lines.dropFirst() {
            let values = try fields(line, line: offset + 1)
            guard values.count == names.count else {
                throw Problem(line: offset + 1, message: "expected \(names.count) fields, found \(values.count)")
            }
            func value(_ index: Int?) -> String { index.map { values[$0] } ?? "" }
            guard value(email).contains("@") else {
                throw Problem(line: offset + 1, message: "\"\(value(email))\" is not an email address")
            }
            rows.append(
                ImportRow(
                    email: value(email).lowercased(), firstName: value(column("firstname")),
                    lastName: value(column("lastname")), phone: value(column("phone")),
                    company: value(column("company"))))
        }
        guard !rows.isEmpty else { throw Problem(line: 2, message: "the file has a header but no rows") }
        return rows
    }

    private static func fields(_ line: Substring, line number: Int) throws(Problem) -> [String] {
        let characters = Array(line)
        var fields: [String] = []
        var current = ""
        var quoted = false
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if quoted, character == "\"" {
                if index + 1 < characters.count, characters[index + 1] == "\"" {
                    current.append("\"")
                    index += 1
                } else {
                    quoted = false
                }
            } else if quoted {
                current.append(character)
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                fields.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            } else {
                current.append(character)
            }
            index += 1
        }
        guard !quoted else { throw Problem(line: number, message: "a quoted field is not closed") }
        fields.append(current.trimmingCharacters(in: .whitespaces))
        return fields
    }
}
