@testable import FakeProviders
import FakeSupport
import FakeTestSupport
import Testing

@Suite struct XMLRPCTests {
    @Test func parsesPythonStyleCall() throws {
        let body = """
            <?xml version='1.0'?>
            <methodCall>
            <methodName>execute_kw</methodName>
            <params>
            <param><value><string>canary</string></value></param>
            <param><value><int>2</int></value></param>
            <param><value>admin &amp; co &lt;x&gt; &#233;</value></param>
            <param><value><array><data>
            <value><array><data><value><string>name</string></value><value><string>=</string></value><value><i4>-5</i4></value></data></array></value>
            </data></array></value></param>
            <param><value><struct>
            <member><name>limit</name><value><int>5</int></value></member>
            <member><name>flag</name><value><boolean>1</boolean></value></member>
            <member><name>ratio</name><value><double>0.5</double></value></member>
            <member><name>none</name><value><nil/></value></member>
            <member><name>empty</name><value><string></string></value></member>
            <member><name>cdata</name><value><string><![CDATA[<b>]]></string></value></member>
            </struct></value></param>
            </params>
            </methodCall>
            """
        let call = try XMLRPCCall.parse(Array(body.utf8))
        #expect(call.methodName == "execute_kw")
        #expect(call.params[0] == "canary")
        #expect(call.params[1] == 2)
        #expect(call.params[2] == "admin & co <x> é")
        #expect(call.params[3] == [["name", "=", -5]])
        #expect(call.params[4] == ["limit": 5, "flag": true, "ratio": 0.5, "none": nil, "empty": "", "cdata": "<b>"])
    }

    @Test func roundTripsThroughTheWriter() throws {
        let value: JSONValue = ["ids": [1, 2], "name": "a<b&c", "ok": true, "price": 2.5, "gone": nil, "nested": ["x": []]]
        let text = XMLRPCResponse.success(value)
        #expect(!text.contains("<nil"))
        let call = try XMLRPCCall.parse(
            Array(text.replacingOccurrences(of: "methodResponse", with: "methodCall")
                .replacingOccurrences(of: "<params>", with: "<methodName>x</methodName><params>").utf8))
        #expect(call.params[0] == ["ids": [1, 2], "name": "a<b&c", "ok": true, "price": 2.5, "gone": false, "nested": ["x": []]])
    }

    @Test func writesFaults() {
        let text = XMLRPCResponse.fault(code: 3, string: "Access Denied")
        #expect(text.contains("<name>faultCode</name>\n<value><int>3</int></value>"))
        #expect(text.contains("<fault>"))
    }

    @Test(arguments: [
        "", "not xml", "<methodCall>", "<methodCall><methodName>x</methodName><params><param><value><int>a</int></value></param></params></methodCall>",
        "<methodCall><methodName>x</methodName></methodcall>", "<methodResponse/>", "<methodCall><params/></methodCall>",
        "<methodCall><methodName>x</methodName><params><param><value><foo/></value></param></params></methodCall>",
        "<methodCall><methodName>x</methodName>&bogus;</methodCall>", "<methodCall><methodName>x</methodName></methodCall>junk",
        String(repeating: "<a>", count: 500),
    ])
    func rejectsMalformedBodies(_ body: String) {
        #expect(throws: XMLRPCParseError.self) { try XMLRPCCall.parse(Array(body.utf8)) }
    }
}
