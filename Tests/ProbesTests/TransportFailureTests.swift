import AsyncHTTPClient
import Logging
import Testing

@testable import Probes

/// Every known misbehaviour of a target ends with its own error class and a sentence, never `other`.
@Suite struct TransportFailureTests {
    typealias Misbehaviour = HostileServer.Misbehaviour

    /// What each misbehaviour of ``HostileServer`` must be classed as; nil means the attempt passes.
    static let expected: [Misbehaviour: ErrorClass?] = [
        .reset: .connection, .stall: .timeout, .slowHeaders: .timeout, .slowBody: .timeout,
        .truncated: .truncated, .hugeBody: .bodyTooLarge, .gzipBomb: .decompression,
        .headerFlood: .headerOverflow, .garbageStatus: .protocolViolation, .badStatusCode: .protocolViolation,
        .http10Close: nil, .redirectLoop: .redirectLoop, .redirectLoopBack: .redirectLoop,
        .serverError: .httpStatus, .tooManyRequests: .httpStatus, .notFound: .httpStatus,
        .badJSON: .badBody, .wrongJSONShape: .badBody, .badPrometheus: .metricsUnparseable,
    ]

    @Test func everyMisbehaviourOfAHostileServerHasItsClass() async throws {
        #expect(Set(Self.expected.keys) == Set(Misbehaviour.allCases))
        let outcomes = try await HTTPClient.withProbeClient { http in
            try await HostileServer.with { base in
                try await withThrowingTaskGroup(of: (Misbehaviour, ProbeOutcome).self) { group in
                    for misbehaviour in Misbehaviour.allCases {
                        group.addTask { (misbehaviour, try await Self.attempt(misbehaviour, base: base, http)) }
                    }
                    return try await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
                }
            }
        }
        for (misbehaviour, outcome) in outcomes.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            let expected = Self.expected[misbehaviour] ?? nil
            #expect(outcome.errorClass == expected, "\(misbehaviour.rawValue): \(outcome.detail)")
            #expect(!outcome.detail.contains("NIO"), "\(misbehaviour.rawValue) leaks raw NIO text: \(outcome.detail)")
        }
        #expect(outcomes[.redirectLoop]?.detail == "GET /redirect-loop redirects in a loop: /redirect-loop → /redirect-loop-back → /redirect-loop")
        #expect(outcomes[.truncated]?.detail == "the connection closed in the middle of the answer")
    }

    @Test func refusedConnectionsUnknownHostsAndTLSToAPlainServerAreNamed() async throws {
        let port = try await HostileServer.closedPort()
        try await HTTPClient.withProbeClient { http in
            let refused = try await Self.health(base: "http://127.0.0.1:\(port)", path: "/health", http)
            #expect(refused.errorClass == .connection, "\(refused.detail)")
            let unknown = try await Self.health(base: "http://no-such-host.invalid", path: "/health", http)
            #expect(unknown.errorClass == .dns, "\(unknown.detail)")
            #expect(unknown.detail == "the host name no-such-host.invalid does not resolve")
            try await HostileServer.with { base in
                let tls = try await Self.health(base: base.replacingOccurrences(of: "http:", with: "https:"), path: "/", http)
                #expect(tls.errorClass == .tls, "\(tls.detail)")
                #expect(tls.detail == "the target does not speak TLS on that port (is it plain http?)")
            }
        }
    }

    private static func attempt(_ misbehaviour: Misbehaviour, base: String, _ http: HTTPClient) async throws -> ProbeOutcome {
        let path = "/" + misbehaviour.rawValue
        if misbehaviour == .badPrometheus {
            var target = ProbeTarget(backendURL: base, workspaceID: "w")
            target.paths.metrics = path
            return try await MetricsScrapeProbe().run(in: context(target, http))
        }
        return try await health(base: base, path: path, http)
    }

    private static func health(base: String, path: String, _ http: HTTPClient) async throws -> ProbeOutcome {
        var target = ProbeTarget(backendURL: base, workspaceID: "w")
        target.paths.health = path
        return try await HealthProbe().run(in: context(target, http))
    }

    private static func context(_ target: ProbeTarget, _ http: HTTPClient) -> ProbeContext {
        ProbeContext(http: http, target: target, timeout: .seconds(2), logger: Logger(label: "transport-test"))
    }
}
