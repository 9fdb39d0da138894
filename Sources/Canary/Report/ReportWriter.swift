import Foundation

/// Writes `reports/<run-id>/report.md`, `report.json`, `report.html` and `junit.xml` for a run, from the
/// database alone (no wall-clock stamps, so a rebuild is byte-identical).
public struct ReportWriter: Sendable {
    public var store: any RunStore
    /// Parent folder of the per-run folders.
    public var directory: String

    /// The files every run folder gets.
    public static let fileNames = ["report.md", "report.json", "report.html", "junit.xml"]

    public init(store: any RunStore, directory: String) {
        self.store = store
        self.directory = directory
    }

    /// Writes every format; returns the run's report folder.
    @discardableResult
    public func write(runID: String, judgment: Judgment? = nil) async throws -> String {
        let report = try await ReportBuilder(store: store).build(runID: runID, judgment: judgment)
        let folder = URL(fileURLWithPath: directory).appendingPathComponent(runID)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(MarkdownReport.render(report).utf8).write(to: folder.appendingPathComponent("report.md"))
        try JSONReport.render(report).write(to: folder.appendingPathComponent("report.json"))
        try Data(HTMLReport.render(report).utf8).write(to: folder.appendingPathComponent("report.html"))
        try Data(JUnitReport.render(report).utf8).write(to: folder.appendingPathComponent("junit.xml"))
        return folder.path
    }
}

/// `report.json`: the ``RunReport`` with sorted keys, pretty-printed.
public enum JSONReport {
    /// Encodes the report.
    public static func render(_ report: RunReport) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "+Inf", negativeInfinity: "-Inf", nan: "NaN")
        return try encoder.encode(report)
    }
}
