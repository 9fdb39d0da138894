@testable import FakeProviders
import FakeSupport
import Testing

@Suite struct OdooDomainTests {
    /// A database with three partners: Ada (a company's contact), Bob (archived) and Acme (a company).
    static func database() throws -> OdooDatabase {
        var database = OdooDatabase(name: "t", users: [OdooUser()])
        let acme = try database.create(model: .partner, vals: ["name": "Acme", "is_company": true, "city": "Brussels"], uid: 2)
        _ = try database.create(
            model: .partner, vals: ["name": "Ada Lovelace", "email": "ada@example.com", "parent_id": .int(acme), "phone": "100"],
            uid: 2)
        _ = try database.create(model: .partner, vals: ["name": "Bob", "email": "BOB@example.com", "active": false], uid: 2)
        return database
    }

    static let cases: [(JSONValue, [String])] = [
        ([], ["Acme", "Acme, Ada Lovelace", "Mitchell Admin", "My Company"]),
        ([["email", "=", "ada@example.com"]], ["Acme, Ada Lovelace"]),
        ([["email", "=", false], ["id", ">", 3]], ["Acme"]),
        (["|", ["email", "=", "ada@example.com"], ["city", "=", "Brussels"]], ["Acme", "Acme, Ada Lovelace"]),
        (["!", ["is_company", "=", true], ["id", ">", 3]], ["Acme, Ada Lovelace"]),
        (["&", ["name", "ilike", "ADA"], ["phone", "!=", false]], ["Acme, Ada Lovelace"]),
        ([["name", "like", "ada"]], []),
        ([["name", "not ilike", "m"]], ["Acme, Ada Lovelace"]),
        ([["name", "=like", "A%"]], ["Acme", "Acme, Ada Lovelace"]),
        ([["name", "=ilike", "a_me"]], ["Acme"]),
        ([["id", "in", [4, 5, 99]]], ["Acme", "Acme, Ada Lovelace"]),
        ([["id", "not in", [1, 3, 4]]], ["Acme, Ada Lovelace"]),
        ([["parent_id.name", "=", "Acme"]], ["Acme, Ada Lovelace"]),
        ([["parent_id", "=", "Acme"]], ["Acme, Ada Lovelace"]),
        ([["email", "=?", false]], ["Acme", "Acme, Ada Lovelace", "Mitchell Admin", "My Company"]),
        ([["active", "=", false]], ["Bob", "OdooBot"]),
        ([["email", "ilike", "bob"], ["active", "in", [true, false]]], ["Bob"]),
        ([["id", "child_of", 4]], ["Acme", "Acme, Ada Lovelace"]),
        ([["id", ">=", 5], ["id", "<=", 5]], ["Acme, Ada Lovelace"]),
        ([["parent_id", "any", [["city", "=", "Brussels"]]]], ["Acme, Ada Lovelace"]),
        ([[0, "=", 1]], []),
    ]

    @Test(arguments: 0..<cases.count) func searches(_ row: Int) throws {
        let (domain, expected) = Self.cases[row]
        let database = try Self.database()
        let ids = try database.search(model: .partner, domain: try OdooDomain.parse(domain), offset: 0, limit: nil, order: "id")
        let names = ids.compactMap { database.displayName(model: "res.partner", id: $0) }.sorted()
        #expect(names == expected, "\(domain.jsonText)")
    }

    @Test(arguments: [
        .string("x"), ["&"], ["|", ["name", "=", "a"]], [["name", "=="]], [["name", "~", "a"]], [[1, "=", "a"]], ["?"],
        [["nope", "=", 1]], [["name.city", "=", 1]], [["parent_id.nope", "=", 1]],
    ] as [JSONValue])
    func rejectsBadDomains(_ domain: JSONValue) throws {
        let database = try Self.database()
        #expect(throws: OdooFault.self) {
            _ = try database.search(model: .partner, domain: try OdooDomain.parse(domain), offset: 0, limit: nil, order: nil)
        }
    }

    @Test func ordersOffsetsAndLimits() throws {
        let database = try Self.database()
        let all = try database.search(model: .partner, domain: .always, offset: 0, limit: nil, order: "name desc")
        #expect(all.compactMap { database.tables["res.partner"]?[$0]?["name"]?.string } == ["My Company", "Mitchell Admin", "Ada Lovelace", "Acme"])
        #expect(try database.search(model: .partner, domain: .always, offset: 1, limit: 2, order: "name desc").count == 2)
        #expect(throws: OdooFault.self) { _ = try database.search(model: .partner, domain: .always, offset: 0, limit: nil, order: "bogus") }
    }

    @Test func likeFollowsSQLPatterns() {
        #expect(OdooDatabase.like("Ada", "a%", ignoringCase: true))
        #expect(!OdooDatabase.like("Ada", "a%", ignoringCase: false))
        #expect(OdooDatabase.like("50%", #"50\%"#, ignoringCase: false))
        #expect(OdooDatabase.like("abc", "a_c", ignoringCase: false))
        #expect(!OdooDatabase.like("abbc", "a_c", ignoringCase: false))
    }
}
