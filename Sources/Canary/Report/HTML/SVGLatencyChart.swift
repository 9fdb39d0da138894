/// An inline SVG of one probe's latency over plan time: p50 and p95 per bucket, threshold lines, phase
/// boundaries, alert firings and buckets with failed attempts.
enum SVGLatencyChart {
    static func render(
        _ series: RunReport.LatencySeries, phases: [RunReport.PhaseInfo], alerts: [AlertEvent], speed: Double,
        planSeconds: Double
    ) -> String {
        let values = series.points.flatMap { [$0.p50, $0.p95] } + series.thresholds.map(\.seconds)
        let scale = SVGScale(width: 720, height: 240, seconds: planSeconds, latencies: values)
        var svg = #"<svg class="chart" viewBox="0 0 720 240" role="img" aria-label="latency of \#(XMLText.escape(series.probe)) over plan time">"#
        svg += "<title>latency of \(XMLText.escape(series.probe)) over plan time (p50, p95)</title>"
        // Grid: one line per decade, one per time tick.
        for decade in scale.lowDecade...scale.highDecade {
            let y = SVGScale.number(scale.y(pow10(decade)))
            svg += #"<line class="grid" x1="\#(scale.left)" x2="\#(scale.plotRight)" y1="\#(y)" y2="\#(y)"/>"#
            svg += #"<text class="axis" x="\#(scale.left - 6)" y="\#(y)" text-anchor="end" dominant-baseline="middle">\#(SVGScale.latencyLabel(decade: decade))</text>"#
        }
        for tick in scale.timeTicks() {
            let x = SVGScale.number(scale.x(tick))
            svg += #"<text class="axis" x="\#(x)" y="\#(scale.height - 8)" text-anchor="\#(scale.anchor(tick))">\#(SVGScale.timeLabel(tick))</text>"#
        }
        for phase in phases.dropFirst() where phase.fromSeconds < scale.seconds {
            let x = SVGScale.number(scale.x(phase.fromSeconds))
            svg += #"<line class="phase" x1="\#(x)" x2="\#(x)" y1="\#(scale.top)" y2="\#(scale.plotBottom)"/>"#
        }
        for event in alerts where event.state == .fired && event.at * speed <= scale.seconds {
            let x = SVGScale.number(scale.x(event.at * speed))
            svg += #"<line class="alert \#(event.level.rawValue)" x1="\#(x)" x2="\#(x)" y1="\#(scale.top)" y2="\#(scale.plotBottom)"><title>\#(XMLText.escape(event.level.rawValue)) alert \#(XMLText.escape(event.rule)) fired at \#(ClockText.format(event.at, speed: speed))</title></line>"#
        }
        for threshold in series.thresholds {
            let y = SVGScale.number(scale.y(threshold.seconds))
            svg += #"<line class="threshold" x1="\#(scale.left)" x2="\#(scale.plotRight)" y1="\#(y)" y2="\#(y)"/>"#
            svg += #"<text class="threshold-label" x="\#(scale.plotRight - 4)" y="\#(y)" dy="-4" text-anchor="end">\#(XMLText.escape(threshold.label)) \#(QuantityText.latency(threshold.seconds))</text>"#
        }
        let half = series.bucketSeconds / 2
        for (name, value) in [("p95", \RunReport.LatencyPoint.p95), ("p50", \RunReport.LatencyPoint.p50)] {
            let points = series.points.map { "\(SVGScale.number(scale.x($0.atSeconds + half))),\(SVGScale.number(scale.y($0[keyPath: value])))" }
            svg += #"<polyline class="line \#(name)" points="\#(points.joined(separator: " "))"/>"#
        }
        for point in series.points where point.failed > 0 {
            let x = SVGScale.number(scale.x(point.atSeconds + half))
            svg += #"<rect class="failed" x="\#(SVGScale.number(scale.x(point.atSeconds + half) - 3))" y="\#(scale.plotBottom - 8)" width="6" height="8"><title>\#(point.failed) of \#(point.count) attempts failed near \#(SVGScale.timeLabel(point.atSeconds))</title></rect>"#
            _ = x
        }
        svg += #"<line class="axisline" x1="\#(scale.left)" x2="\#(scale.plotRight)" y1="\#(scale.plotBottom)" y2="\#(scale.plotBottom)"/>"#
        svg += "</svg>"
        return svg
    }

    static func pow10(_ decade: Int) -> Double {
        var value = 1.0
        if decade >= 0 { for _ in 0..<decade { value *= 10 } } else { for _ in 0..<(-decade) { value /= 10 } }
        return value
    }
}
