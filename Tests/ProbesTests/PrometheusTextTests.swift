import Probes
import Testing

/// A hand-written exposition covering every construct the parser has to understand.
private let exposition = #"""
# HELP http_request_duration_seconds Request latency.\nSecond line, with a \\ backslash.
# TYPE http_request_duration_seconds histogram
http_request_duration_seconds_bucket{provider="acme",le="0.05"} 24054
http_request_duration_seconds_bucket{provider="acme",le="0.1"} 33444
http_request_duration_seconds_bucket{provider="acme",le="0.2"} 100392
http_request_duration_seconds_bucket{provider="acme",le="0.5"} 129389
http_request_duration_seconds_bucket{provider="acme",le="1"} 133988
http_request_duration_seconds_bucket{provider="acme",le="+Inf"} 144320
http_request_duration_seconds_sum{provider="acme"} 53423.25
http_request_duration_seconds_count{provider="acme"} 144320
# A plain comment that is ignored.
#
# HELP rpc_duration_seconds A summary of the RPC duration in seconds.
# TYPE rpc_duration_seconds summary
rpc_duration_seconds{quantile="0.01"} 3102
rpc_duration_seconds{quantile="0.5"} 4773
rpc_duration_seconds{quantile="0.99"} 76656
rpc_duration_seconds_sum 1.7560473e+07
rpc_duration_seconds_count 2693

# HELP http_requests_total The total number of HTTP requests.
# TYPE http_requests_total counter
http_requests_total{method="post",code="200"} 1027 1395066363000
http_requests_total{method="post",code="400"}    3 1395066363000

# TYPE crm_sync_errors counter
crm_sync_errors_total{provider="acme"} 7

# Escaping in label values:
msdos_file_access_time_seconds{path="C:\\DIR\\FILE.TXT",error="Cannot find file:\n\"FILE.TXT\""} 1.458255915e9

metric_without_timestamp_and_labels 12.47
something_weird{problem="division by zero"} +Inf -3982045
	indented_with_tab	1.5e-3

# TYPE queue_depth gauge
queue_depth{queue="a, b {c} d=e"} NaN
queue_depth { queue = "trailing" , } -Inf
queue_depth{} Inf
"""#

private func parseError(_ text: String) -> PrometheusParseError? {
    let result = Result { () throws(PrometheusParseError) -> [MetricFamily] in try PrometheusText.parse(text) }
    if case .failure(let error) = result { return error }
    return nil
}

private func family(_ name: String, in families: [MetricFamily]) throws -> MetricFamily {
    try #require(families.first { $0.name == name }, "no family \(name)")
}

@Test func parsesFamiliesInOrderOfFirstAppearance() throws {
    let families = try PrometheusText.parse(exposition)
    #expect(families.map(\.name) == [
        "http_request_duration_seconds", "rpc_duration_seconds", "http_requests_total", "crm_sync_errors",
        "msdos_file_access_time_seconds", "metric_without_timestamp_and_labels", "something_weird",
        "indented_with_tab", "queue_depth",
    ])
    #expect(families.map(\.type) == [
        .histogram, .summary, .counter, .counter, .untyped, .untyped, .untyped, .untyped, .gauge,
    ])
}

@Test func parsesHistogramWithSumCountAndInfBucket() throws {
    let histogram = try family("http_request_duration_seconds", in: PrometheusText.parse(exposition))
    #expect(histogram.help == "Request latency.\nSecond line, with a \\ backslash.")
    #expect(histogram.samples.count == 8)
    let buckets = histogram.samples.filter { $0.name == "http_request_duration_seconds_bucket" }
    #expect(buckets.map { $0.labels["le"] } == ["0.05", "0.1", "0.2", "0.5", "1", "+Inf"])
    #expect(buckets.map(\.value) == [24054, 33444, 100392, 129389, 133988, 144320])
    #expect(buckets.allSatisfy { $0.labels["provider"] == "acme" && $0.labels.count == 2 })
    #expect(histogram.samples[6] == MetricSample(
        name: "http_request_duration_seconds_sum", labels: ["provider": "acme"], value: 53423.25
    ))
    #expect(histogram.samples[7].name == "http_request_duration_seconds_count")
    #expect(histogram.samples[7].value == 144320)
}

@Test func parsesSummaryQuantilesSumAndCount() throws {
    let summary = try family("rpc_duration_seconds", in: PrometheusText.parse(exposition))
    #expect(summary.help == "A summary of the RPC duration in seconds.")
    #expect(summary.samples.map(\.name) == [
        "rpc_duration_seconds", "rpc_duration_seconds", "rpc_duration_seconds",
        "rpc_duration_seconds_sum", "rpc_duration_seconds_count",
    ])
    #expect(summary.samples.prefix(3).map { $0.labels["quantile"] } == ["0.01", "0.5", "0.99"])
    #expect(summary.samples.map(\.value) == [3102, 4773, 76656, 17_560_473, 2693])
}

@Test func parsesCountersTimestampsAndTotalSuffix() throws {
    let families = try PrometheusText.parse(exposition)
    let requests = try family("http_requests_total", in: families)
    #expect(requests.samples == [
        MetricSample(
            name: "http_requests_total", labels: ["method": "post", "code": "200"], value: 1027,
            timestampMilliseconds: 1_395_066_363_000
        ),
        MetricSample(
            name: "http_requests_total", labels: ["method": "post", "code": "400"], value: 3,
            timestampMilliseconds: 1_395_066_363_000
        ),
    ])
    let syncErrors = try family("crm_sync_errors", in: families)
    #expect(syncErrors.help == nil)
    #expect(syncErrors.samples == [MetricSample(name: "crm_sync_errors_total", labels: ["provider": "acme"], value: 7)])
}

@Test func unescapesLabelValuesAndBuildsSeriesKeys() throws {
    let families = try PrometheusText.parse(exposition)
    let sample = try #require(family("msdos_file_access_time_seconds", in: families).samples.first)
    #expect(sample.labels == ["path": #"C:\DIR\FILE.TXT"#, "error": "Cannot find file:\n\"FILE.TXT\""])
    #expect(sample.value == 1.458255915e9)
    #expect(sample.timestampMilliseconds == nil)
    #expect(sample.seriesKey
        == #"msdos_file_access_time_seconds{error="Cannot find file:\n\"FILE.TXT\"",path="C:\\DIR\\FILE.TXT"}"#)
    let plain = try #require(family("metric_without_timestamp_and_labels", in: families).samples.first)
    #expect(plain.seriesKey == "metric_without_timestamp_and_labels")
    #expect(plain.labels.isEmpty)
    #expect(plain.value == 12.47)
}

@Test func parsesSpecialValuesAndOddSpacing() throws {
    let families = try PrometheusText.parse(exposition)
    let weird = try #require(family("something_weird", in: families).samples.first)
    #expect(weird.value == .infinity)
    #expect(weird.timestampMilliseconds == -3_982_045)
    #expect(weird.labels == ["problem": "division by zero"])
    #expect(try family("indented_with_tab", in: families).samples.first?.value == 1.5e-3)

    let queue = try family("queue_depth", in: families).samples
    #expect(queue.count == 3)
    #expect(queue[0].labels == ["queue": "a, b {c} d=e"])
    #expect(queue[0].value.isNaN)
    #expect(queue[1].labels == ["queue": "trailing"])
    #expect(queue[1].value == -.infinity)
    #expect(queue[2].labels.isEmpty)
    #expect(queue[2].value == .infinity)
}

@Test func crlfLineEndingsParseLikeLf() throws {
    let crlf = exposition.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r\n")
    #expect(crlf.utf8.count > exposition.utf8.count)
    let expected = try PrometheusText.parse(exposition)
    let parsed = try PrometheusText.parse(crlf)
    #expect(parsed.map(\.name) == expected.map(\.name))
    #expect(parsed.map(\.help) == expected.map(\.help))
    #expect(parsed.flatMap(\.samples).map(\.seriesKey) == expected.flatMap(\.samples).map(\.seriesKey))
    #expect(parsed.flatMap(\.samples).map(\.timestampMilliseconds)
        == expected.flatMap(\.samples).map(\.timestampMilliseconds))
}

@Test(arguments: [
    ("1", 1.0), ("-2", -2.0), ("+3", 3.0), ("1.5e-3", 0.0015), ("2E3", 2000.0), (".5", 0.5), ("5.", 5.0),
    ("1.7560473e+07", 17_560_473.0), ("123456789012345678", 123_456_789_012_345_678.0), ("0.1", 0.1),
    ("Inf", .infinity), ("+Inf", .infinity), ("-Inf", -.infinity), ("infinity", .infinity), ("-0", -0.0),
    ("3.14159265358979323846", 3.14159265358979323846), ("1e-30", 1e-30), ("4.9e-324", .leastNonzeroMagnitude),
])
func parsesSampleValues(text: String, expected: Double) throws {
    let samples = try PrometheusText.parse("m \(text)\n").flatMap(\.samples)
    #expect(samples.map(\.value) == [expected])
    #expect(samples.first?.value.sign == expected.sign)
}

@Test func groupsOnlyDeclaredFamiliesBySuffix() throws {
    let text = """
        h_bucket{le="1"} 1
        h_count 1
        # TYPE c_total counter
        c_total 4
        # TYPE g gauge
        g_total 2
        g_count 3
        # TYPE s summary
        s_bucket{le="1"} 5
        s_count 6
        # HELP e A family announced but never sampled.
        """
    let families = try PrometheusText.parse(text)
    #expect(families.map(\.name) == ["h_bucket", "h_count", "c_total", "g", "g_total", "g_count", "s", "s_bucket", "e"])
    #expect(families.map(\.type) == [.untyped, .untyped, .counter, .gauge, .untyped, .untyped, .summary, .untyped,
        .untyped])
    #expect(families.map(\.samples.count) == [1, 1, 1, 0, 1, 1, 1, 1, 0])
    #expect(try PrometheusText.parse("").isEmpty)
    #expect(try PrometheusText.parse("\n  \n# only a comment\n#HELP x not a directive\n").isEmpty)
}

@Test func helpKeepsUnknownEscapesAndUnicode() throws {
    let families = try PrometheusText.parse(#"# HELP x Grüße \t tab, \\n not newline, trailing \"# + "\n")
    #expect(families.first?.help == #"Grüße \t tab, \n not newline, trailing \"#)
}

/// Each malformed input with the exact position and message it must be reported at.
private let malformedCases: [(input: String, line: Int, column: Int, message: String)] = [
    ("1foo 2", 1, 1, "metric name must start with a letter, '_' or ':', found '1'"),
    ("ok 1\nfoo-bar 2", 2, 4, #"invalid character '-' in metric name "foo""#),
    ("# TYPE foo.bar counter", 1, 11, #"invalid character '.' in metric name "foo""#),
    (#"foo{provider="a} 1"#, 1, 14, #"unterminated value of label "provider""#),
    (#"foo{a="x\"#, 1, 7, #"unterminated value of label "a""#),
    (#"foo{a="x\ty"} 1"#, 1, 9, #"invalid escape sequence '\t' in the value of label "a""#),
    (#"foo{a="b"}"#, 1, 11, #"missing value for sample "foo""#),
    ("foo", 1, 4, #"missing value for sample "foo""#),
    ("foo abc", 1, 5, #"invalid sample value "abc""#),
    ("foo 1.2.3", 1, 5, #"invalid sample value "1.2.3""#),
    ("foo 0x10", 1, 5, #"invalid sample value "0x10""#),
    ("foo +NaN", 1, 5, #"invalid sample value "+NaN""#),
    ("foo 1e", 1, 5, #"invalid sample value "1e""#),
    ("foo 1 12.5", 1, 7, #"invalid timestamp "12.5", expected integer milliseconds"#),
    ("foo 1 99999999999999999999", 1, 7, #"invalid timestamp "99999999999999999999", expected integer milliseconds"#),
    ("foo 1 123 extra", 1, 11, #"unexpected "extra" after timestamp"#),
    ("ok 1\r\nfoo 1 2 3\r\n", 2, 9, #"unexpected "3" after timestamp"#),
    (#"foo{a="1",b="2",a="3"} 1"#, 1, 17, #"duplicate label name "a""#),
    ("# TYPE foo bar", 1, 12, #"unknown metric type "bar", expected counter, gauge, histogram, summary or untyped"#),
    ("# TYPE foo", 1, 11, ##"missing metric type after "# TYPE foo""##),
    ("# TYPE foo counter extra", 1, 20, #"unexpected "extra" after metric type"#),
    ("# HELP", 1, 7, ##"missing metric name after "# HELP""##),
    ("# TYPE foo counter\n# TYPE foo gauge", 2, 8, #"second TYPE line for metric "foo""#),
    ("# HELP foo a\n# HELP foo b", 2, 8, #"second HELP line for metric "foo""#),
    ("foo 1\n# TYPE foo counter", 2, 8, #"TYPE line for metric "foo" comes after its samples"#),
    ("ok 1\n\n" + #"foo{provider~"x"} 1"#, 3, 13, #"expected '=' after label name "provider""#),
    ("foo{a=x} 1", 1, 7, #"expected '"' to open the value of label "a""#),
    (#"foo{a="x" b="y"} 1"#, 1, 11, #"expected ',' or '}' after the value of label "a""#),
    (#"foo{a="x""#, 1, 10, #"expected ',' or '}' after the value of label "a""#),
    (#"foo{1a="x"} 1"#, 1, 5, "expected label name or '}', found '1'"),
    (#"foo{a="x",,} 1"#, 1, 11, "expected label name or '}', found ','"),
    ("foo{", 1, 5, "expected label name or '}', found end of line"),
    (#"foo{a="héllo",b~"x"} 1"#, 1, 16, #"expected '=' after label name "b""#),
    ("# TYPE h histogram\nh_bucket{x=\"1\"} 3", 2, 1, #"histogram bucket "h_bucket" has no "le" label"#),
    ("# TYPE h histogram\nh_bucket{le=\"fast\"} 3", 2, 14, #"invalid "le" value "fast", expected a number"#),
    ("# TYPE s summary\ns 3", 2, 1, #"summary sample "s" has no "quantile" label"#),
]

@Test(arguments: malformedCases)
func rejectsMalformedInputAtExactPosition(input: String, line: Int, column: Int, message: String) throws {
    let error = try #require(parseError(input), "parsed without error: \(input)")
    #expect(error == PrometheusParseError(line: line, column: column, message: message))
}

@Test func errorDescriptionNamesLineAndColumn() {
    let error = PrometheusParseError(line: 7, column: 12, message: #"expected '=' after label name "provider""#)
    #expect(error.description == #"line 7, column 12: expected '=' after label name "provider""#)
}

/// A small deterministic generator so fuzz failures reproduce.
private struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}

@Test func randomMutationsNeverCrash() {
    let original = Array(exposition.utf8)
    let interesting = Array(#"{}",=\ #+-.eE019azAZ_:"#.utf8) + [0x09, 0x0A, 0x0D, 0xC3, 0xA9, 0xFF, 0x00]
    var generator = SplitMix64(state: 0x5EED)
    var parsed = 0
    var rejected = 0
    for _ in 0..<3000 {
        var bytes = original
        for _ in 0..<Int.random(in: 1...4, using: &generator) {
            let position = Int.random(in: 0..<bytes.count, using: &generator)
            switch Int.random(in: 0..<5, using: &generator) {
            case 0: bytes[position] = interesting.randomElement(using: &generator)!
            case 1: bytes.insert(interesting.randomElement(using: &generator)!, at: position)
            case 2: bytes.remove(at: position)
            case 3: bytes[position] = UInt8.random(in: 0...255, using: &generator)
            default: bytes.removeSubrange(position..<min(bytes.count, position + 8))
            }
            if bytes.isEmpty { bytes = original }
        }
        let text = String(decoding: bytes, as: UTF8.self)
        let lineCount = text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).count
        if let error = parseError(text) {
            rejected += 1
            #expect(error.line >= 1 && error.line <= lineCount)
            #expect(error.column >= 1)
            #expect(!error.message.isEmpty)
        } else {
            parsed += 1
        }
    }
    #expect(parsed > 0)
    #expect(rejected > 0)
}
