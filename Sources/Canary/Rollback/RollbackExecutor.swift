import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Runs the plan's rollback hooks in order, each within its timeout, and records how each ended.
///
/// Commands run as `/bin/sh -c COMMAND` in the current folder; HTTP steps go to the backend. Later steps run
/// even when an earlier one failed: pausing sync must not wait on a failed migration.
///
/// ```swift
/// let steps = await RollbackExecutor(backendURL: url, http: http, redactor: SecretRedactor(secretValues))
///     .execute(plan.rollback)
/// ```
public struct RollbackExecutor: Sendable {
    /// Base URL HTTP steps are sent to.
    public var backendURL: String
    public var http: HTTPClient
    /// Keeps secret values out of the recorded output.
    public var redactor: SecretRedactor
    /// Largest output kept per step; the tail is kept, as that is where errors are.
    public var maxOutputBytes = 16 * 1024

    public init(backendURL: String, http: HTTPClient, redactor: SecretRedactor) {
        self.backendURL = backendURL
        self.http = http
        self.redactor = redactor
    }

    /// Runs every hook; `started` is told before each step begins and `finished` after it ends.
    public func execute(
        _ hooks: [RollbackHook], started: @Sendable (Int, RollbackHook) -> Void = { _, _ in },
        finished: @Sendable (RollbackStepRecord) -> Void = { _ in }
    ) async -> [RollbackStepRecord] {
        var records: [RollbackStepRecord] = []
        for (index, hook) in hooks.enumerated() {
            started(index + 1, hook)
            let clock = ContinuousClock()
            let begun = clock.now
            let (outcome, status, output): (RollbackStepRecord.Outcome, Int?, String)
            switch hook.action {
            case .command(let command): (outcome, status, output) = await run(command, timeout: hook.timeout)
            case .http(let method, let path): (outcome, status, output) = await call(method, path, timeout: hook.timeout)
            }
            records.append(
                RollbackStepRecord(
                    position: index + 1, name: hook.name, action: RollbackRunbook.action(hook.action),
                    timeoutSeconds: hook.timeout.seconds, outcome: outcome, exitStatus: status,
                    output: redactor.redact(tail(output)), durationSeconds: (clock.now - begun).seconds))
            finished(records[records.count - 1])
        }
        return records
    }

    private func run(_ command: String, timeout: Duration) async -> (RollbackStepRecord.Outcome, Int?, String) {
        let outputFile = FileManager.default.temporaryDirectory.appendingPathComponent("canary-hook-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: outputFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: outputFile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.standardInput = FileHandle.nullDevice
        do {
            let handle = try FileHandle(forWritingTo: outputFile)
            defer { try? handle.close() }
            process.standardOutput = handle
            process.standardError = handle
            try process.run()
        } catch {
            return (.failed, nil, "could not start /bin/sh: \(error)")
        }
        let deadline = ContinuousClock.now + timeout
        var timedOut = false
        while process.isRunning {
            if ContinuousClock.now >= deadline {
                timedOut = true
                // Foundation starts the shell as a process group leader: stop the group, not only the shell.
                let pid = process.processIdentifier
                let target = getpgid(pid) == pid ? -pid : pid
                kill(target, SIGTERM)
                let grace = ContinuousClock.now + .seconds(2)
                while process.isRunning, ContinuousClock.now < grace { try? await Task.sleep(for: .milliseconds(20)) }
                kill(target, SIGKILL)
                break
            }
            try? await Task.sleep(for: .milliseconds(20))
        }
        process.waitUntilExit()
        let text = (try? String(contentsOf: outputFile, encoding: .utf8)) ?? ""
        if timedOut {
            return (.timedOut, nil, text + "\n[stopped after \(DurationText.format(timeout))]")
        }
        let status = Int(process.terminationStatus)
        return (status == 0 ? .succeeded : .failed, status, text)
    }

    private func call(_ method: String, _ path: String, timeout: Duration) async -> (RollbackStepRecord.Outcome, Int?, String) {
        var request = HTTPClientRequest(url: backendURL + path)
        request.method = HTTPMethod(rawValue: method)
        do {
            let response = try await http.execute(request, timeout: .nanoseconds(Int64(timeout.nanoseconds)))
            let body = try await response.body.collect(upTo: maxOutputBytes * 4)
            let status = Int(response.status.code)
            return ((200..<300).contains(status) ? .succeeded : .failed, status, "HTTP \(status)\n" + String(buffer: body))
        } catch let error as HTTPClientError where error == .deadlineExceeded {
            return (.timedOut, nil, "no answer within \(DurationText.format(timeout))")
        } catch {
            return (.failed, nil, "request failed: \(error)")
        }
    }

    private func tail(_ text: String) -> String {
        let bytes = Array(text.utf8)
        guard bytes.count > maxOutputBytes else { return text }
        return "[… \(bytes.count - maxOutputBytes) bytes cut]\n" + String(decoding: bytes.suffix(maxOutputBytes), as: UTF8.self)
    }
}
