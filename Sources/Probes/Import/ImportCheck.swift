/// What a CRM holds for a set of sent rows: which are missing, duplicated or different.
struct ImportCheck {
    /// Emails not found.
    var missing: [String] = []
    /// Emails found more than once.
    var duplicated: [String] = []
    /// Field differences, as `email: field "found" ≠ "sent"`.
    var differences: [String] = []

    /// Compares `found` against `rows` using the reader's field mapping. Phones compare by digits.
    init(rows: [ContactRow], found: [CRMContact], reader: any CRMReader) {
        let byEmail = Dictionary(grouping: found, by: \.email)
        for row in rows {
            let matches = byEmail[row.email.lowercased()] ?? []
            if matches.isEmpty { missing.append(row.email); continue }
            if matches.count > 1 { duplicated.append(row.email) }
            for (field, sent) in reader.expectedFields(row).sorted(by: { $0.key < $1.key }) {
                let stored = matches[0].fields[field] ?? ""
                let same = field.lowercased() == "phone" ? Self.digits(stored) == Self.digits(sent) : stored == sent
                if !same { differences.append("\(row.email): \(field) \"\(stored)\" ≠ \"\(sent)\"") }
            }
        }
    }

    static func digits(_ text: String) -> String { String(text.filter(\.isNumber)) }
}
