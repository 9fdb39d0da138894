import FakeSupport
import Testing

@Suite struct RoutePatternTests {
    @Test(arguments: [
        ("*", "GET", "/anything/at/all", true),
        ("/crm/**", "DELETE", "/crm/v3/objects/contacts/1", true),
        ("/crm/**", "GET", "/oauth/v1/token", false),
        ("POST /crm/v3/objects/*", "POST", "/crm/v3/objects/contacts", true),
        ("POST /crm/v3/objects/*", "GET", "/crm/v3/objects/contacts", false),
        ("POST /crm/v3/objects/*", "POST", "/crm/v3/objects/contacts/search", false),
        ("* /crm/v3/objects/:type/{id}", "PATCH", "/crm/v3/objects/calls/5", true),
        ("/crm/**/search", "POST", "/crm/v3/objects/contacts/search", true),
        ("/oauth/v1/token", "POST", "/oauth/v1/token?x=1", true),
    ])
    func matching(pattern: String, method: String, path: String, expected: Bool) throws {
        let route = try #require(RoutePattern(pattern))
        #expect(route.matches(method: method, path: path) == expected)
    }
}
