@testable import FakeProviders
import FakeSupport
import Testing

@Suite struct ZohoCriteriaTests {
    static let parsed: [(String, ZohoCriteria)] = [
        ("(Email:equals:a@b.com)", .condition(field: "Email", op: .equals, values: ["a@b.com"])),
        (
            "((Email:equals:a@b.com)and(Last_Name:starts_with:Do))",
            .and([
                .condition(field: "Email", op: .equals, values: ["a@b.com"]),
                .condition(field: "Last_Name", op: .startsWith, values: ["Do"]),
            ])
        ),
        (
            "((A:equals:1)or(B:equals:2)and(C:equals:3))",
            .or([
                .condition(field: "A", op: .equals, values: ["1"]),
                .and([.condition(field: "B", op: .equals, values: ["2"]), .condition(field: "C", op: .equals, values: ["3"])]),
            ])
        ),
        (
            "(((A:equals:1)or(B:equals:2))and(C:not_equal:3))",
            .and([
                .or([.condition(field: "A", op: .equals, values: ["1"]), .condition(field: "B", op: .equals, values: ["2"])]),
                .condition(field: "C", op: .notEqual, values: ["3"]),
            ])
        ),
        (#"(Last_Name:equals:Burns\,B\(x\))"#, .condition(field: "Last_Name", op: .equals, values: ["Burns,B(x)"])),
        ("(Lead_Status:in:Contacted,Junk Lead)", .condition(field: "Lead_Status", op: .in, values: ["Contacted", "Junk Lead"])),
        (
            "(Created_Time:between:2024-01-01T00:00:00+00:00,2024-12-31T00:00:00+00:00)",
            .condition(field: "Created_Time", op: .between, values: ["2024-01-01T00:00:00+00:00", "2024-12-31T00:00:00+00:00"])
        ),
        ("(A:equals:1)AND(B:equals:2)", .and([.condition(field: "A", op: .equals, values: ["1"]), .condition(field: "B", op: .equals, values: ["2"])])),
    ]

    @Test(arguments: 0..<parsed.count) func parses(_ row: Int) throws {
        let (text, expected) = Self.parsed[row]
        #expect(try ZohoCriteria.parse(text) == expected)
    }

    @Test(arguments: [
        "", "Email:equals:x", "(Email:equals:x", "(Email:like:x)", "(Email)", "(:equals:x)", "((A:equals:1)xor(B:equals:2))",
        #"(A:equals:x\)"#, "(A:between:1)", "(A:equals:a(b)", String(repeating: "(", count: 40) + "A:equals:1"
            + String(repeating: ")", count: 40),
    ])
    func rejects(_ text: String) {
        #expect(throws: ZohoCriteriaError.self) { try ZohoCriteria.parse(text) }
    }

    @Test func matchesCaseInsensitivelyAndByLookupID() throws {
        let record: [String: JSONValue] = [
            "Email": "Ada@Example.com", "Last_Name": "Lovelace", "Owner": ["id": "42", "name": "x"],
            "Created_Time": "2024-06-01T10:00:00+00:00", "Call_Duration_in_seconds": 90,
        ]
        let cases: [(String, Bool)] = [
            ("(Email:equals:ada@example.com)", true),
            ("(Last_Name:starts_with:love)", true),
            ("(Last_Name:not_equal:Lovelace)", false),
            ("(Owner:equals:42)", true),
            ("(Created_Time:greater_than:2024-01-01T00:00:00+00:00)", true),
            ("(Created_Time:less_than:2024-01-01T00:00:00+05:30)", false),
            ("(Call_Duration_in_seconds:between:60,120)", true),
            ("((Email:equals:nobody@x.com)or(Last_Name:in:Babbage,Lovelace))", true),
            ("(Phone:equals:${EMPTY})", true),
        ]
        for (text, expected) in cases {
            #expect(try ZohoCriteria.parse(text).matches(record) == expected, "\(text)")
        }
    }

    @Test func validatesFieldsAndOperators() throws {
        #expect(throws: ZohoError.self) { try ZohoCriteria.parse("(Nope:equals:1)").validate(in: .leads) }
        #expect(throws: ZohoError.self) { try ZohoCriteria.parse("(Email:greater_than:1)").validate(in: .leads) }
        try ZohoCriteria.parse("(id:greater_than:1)").validate(in: .leads)
    }
}
