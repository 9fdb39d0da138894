import FakeSupport
import Testing

@Suite struct JSONValueTests {
    @Test func parsesAndWritesBackSorted() throws {
        let value = try JSONValue.parse(#" {"b": [1, 2.5, -3e2, true, null], "a": "x\"\u00e9\ud83d\ude00\n"} "#)
        #expect(value["a"] == "x\"é😀\n")
        #expect(value["b"] == [1, 2.5, -300, true, nil])
        #expect(value.jsonText == #"{"a":"x\"é😀\n","b":[1,2.5,-300,true,null]}"#)
        #expect(try JSONValue.parse(value.jsonText) == value)
    }

    @Test func integersBeyondADoubleStayExact() throws {
        let value = try JSONValue.parse(#"{"id": 5725767000000412001, "small": 9007199254740992, "negative": -5725767000000412001}"#)
        #expect(value["id"]?.int == 5_725_767_000_000_412_001)
        #expect(value["negative"]?.int == -5_725_767_000_000_412_001)
        #expect(value["small"] == .number(9_007_199_254_740_992))
        #expect(value.jsonText == #"{"id":5725767000000412001,"negative":-5725767000000412001,"small":9007199254740992}"#)
        #expect(JSONValue.int(5_725_767_000_000_412_001) == value["id"])
    }

    @Test(arguments: [
        ("", 1, 1, "unexpected end of input"),
        ("{\"a\" 1}", 1, 6, "expected ':' after an object key"),
        ("[1,\n 2,\n x]", 3, 2, "unexpected character 'x'"),
        ("{\"a\":1,}", 1, 8, "expected a string key"),
        ("01", 1, 2, "unexpected data after the JSON value"),
        ("\"tab\there\"", 1, 5, "control character in a string"),
        ("[1] [2]", 1, 5, "unexpected data after the JSON value"),
    ])
    func errorsSayWhere(text: String, line: Int, column: Int, reason: String) {
        #expect(throws: JSONParseError(line: line, column: column, reason: reason)) { try JSONValue.parse(text) }
    }

    @Test func deepNestingIsRefusedNotACrash() {
        let deep = String(repeating: "[", count: 10_000)
        #expect(throws: JSONParseError.self) { try JSONValue.parse(deep) }
    }

    @Test func formBodiesDecode() {
        let fields = FormURLEncoded.fields("grant_type=refresh_token&redirect_uri=http%3A%2F%2Fx%2Fcb&scope=a+b&bad=%zz")
        #expect(fields == ["grant_type": "refresh_token", "redirect_uri": "http://x/cb", "scope": "a b", "bad": "%zz"])
        #expect(FormURLEncoded.encode("a b/é") == "a%20b%2F%C3%A9")
    }
}
