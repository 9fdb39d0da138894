import AsyncHTTPClient
import Foundation
import Testing

/// `fakecrm serve --no-deployment`: the fake CRMs alone, as a team points its own backend at them.
@Suite struct FakeCRMServeTests {
    static var fakecrmExecutable: URL {
        EndToEnd.canaryExecutable.deletingLastPathComponent().appendingPathComponent("fakecrm")
    }

    @Test func servesTheFakeCRMsWithoutADeployment() async throws {
        let process = Process()
        process.executableURL = Self.fakecrmExecutable
        process.arguments = ["serve", "--port", "0", "--no-deployment", "--providers", "hubspot,zoho"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        let lines = try await Self.readLines(output.fileHandleForReading, count: 2)
        #expect(lines.map { $0.split(separator: " ").first.map(String.init) } == ["hubspot", "zoho"])
        let hubspot = try #require(lines.first?.split(separator: " ").dropFirst().first.map(String.init))
        let answer = try await HTTPClient.shared.get(url: hubspot + "/__fake/ping").get()
        #expect(answer.status == .ok)

        process.terminate()
        await Task.detached { process.waitUntilExit() }.value
        #expect(process.terminationStatus == 0)
        let rest = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(!rest.contains("deployment"), "\(rest)")
    }

    /// The first `count` lines the server prints, read off the concurrency pool.
    private static func readLines(_ handle: FileHandle, count: Int) async throws -> [String] {
        try await Task.detached {
            var text = ""
            while text.split(separator: "\n").count < count {
                let chunk = handle.availableData
                if chunk.isEmpty { throw CocoaError(.fileReadUnknown) }
                text += String(decoding: chunk, as: UTF8.self)
            }
            return text.split(separator: "\n").map(String.init)
        }.value
    }
}
