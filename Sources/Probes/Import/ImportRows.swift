/// The rows `import.csv` sends: unique emails per attempt, and the CSV text for them.
public enum ImportRows {
    /// The CSV header line.
    public static let header = "email,firstname,lastname,phone,company"

    /// `count` rows with emails `canary+<token>-<n>@canary.test`.
    public static func make(count: Int, token: String) -> [ContactRow] {
        (1...max(count, 1)).map { n in
            ContactRow(
                email: "canary+\(token)-\(n)@canary.test", firstname: "Canary\(n)", lastname: "Run\(token)",
                phone: "+1555" + String(1_000_000 + n).suffix(7), company: "Canary Co \(n)")
        }
    }

    /// The rows as CSV with a header line; the values hold no commas or quotes, so none are quoted.
    public static func csv(_ rows: [ContactRow]) -> String {
        ([header] + rows.map { "\($0.email),\($0.firstname),\($0.lastname),\($0.phone),\($0.company)" })
            .joined(separator: "\n") + "\n"
    }
}
