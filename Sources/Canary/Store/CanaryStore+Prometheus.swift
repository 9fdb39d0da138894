import GRDB

extension CanaryStore {
    /// Appends what Prometheus answered for a run's metric conditions, in one transaction.
    public func append(_ readings: [PrometheusReading], to runID: String) async throws {
        guard !readings.isEmpty else { return }
        try await writer.write { db in
            let insert = try RowInserter(
                db,
                sql: """
                    INSERT INTO prometheus_readings (run_id, condition_key, grp, at, value, samples, problem, promql, source)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            for reading in readings {
                insert.bind(1, runID)
                insert.bind(2, reading.key)
                insert.bind(3, reading.group)
                insert.bind(4, reading.at)
                insert.bind(5, reading.value)
                insert.bind(6, Int64(reading.samples))
                insert.bind(7, reading.problem)
                insert.bind(8, reading.promQL)
                insert.bind(9, reading.source)
                try insert.insert()
            }
        }
    }

    /// What Prometheus answered for `runID`, in the order it was recorded; empty for a run that scraped.
    public func prometheusReadings(of runID: String) async throws -> [PrometheusReading] {
        try await writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT condition_key, grp, at, value, samples, problem, promql, source FROM prometheus_readings
                    WHERE run_id = ? ORDER BY rowid
                    """,
                arguments: [runID]
            ).map { row in
                PrometheusReading(
                    key: row[0], group: row[1], at: row[2], value: row[3], samples: row[4], problem: row[5],
                    promQL: row[6], source: row[7])
            }
        }
    }
}
