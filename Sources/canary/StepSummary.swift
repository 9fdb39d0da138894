import Foundation

/// GitHub Actions' job summary: when `GITHUB_STEP_SUMMARY` names a file, the Markdown report is appended to it.
enum StepSummary {
    /// Appends `folder/report.md` to the step summary, if one is set; says so on failure, never throws.
    static func append(reportFolder folder: String) {
        guard let path = ProcessInfo.processInfo.environment["GITHUB_STEP_SUMMARY"], !path.isEmpty else { return }
        do {
            let markdown = try Data(contentsOf: URL(fileURLWithPath: folder).appendingPathComponent("report.md"))
            if !FileManager.default.fileExists(atPath: path) { _ = FileManager.default.createFile(atPath: path, contents: nil) }
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            try handle.seekToEnd()
            try handle.write(contentsOf: markdown + Data("\n".utf8))
        } catch {
            Terminal.error("cannot append the report to GITHUB_STEP_SUMMARY (\(path)): \(error)")
        }
    }
}
