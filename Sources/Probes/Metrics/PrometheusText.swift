/// The Prometheus text exposition format (version 0.0.4), parsed into metric families.
public enum PrometheusText {
    /// Parses an exposition into families in order of first appearance; throws on the first malformed line.
    public static func parse(_ text: String) throws(PrometheusParseError) -> [MetricFamily] {
        // Families named only by `# HELP`/`# TYPE` are kept even without samples. An unknown escape in `# HELP`
        // text is kept as written, since help is free text; in a label value it is an error.
        var text = text
        let result = text.withUTF8 { bytes in
            Result { () throws(PrometheusParseError) -> [MetricFamily] in
                var parser = ExpositionParser(bytes: bytes)
                return try parser.parse()
            }
        }
        return try result.get()
    }
}
