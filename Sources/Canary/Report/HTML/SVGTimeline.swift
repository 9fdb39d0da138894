/// An inline SVG of the plan's phases on a time axis, with a marker where each alert fired or resolved.
enum SVGTimeline {
    static func render(phases: [RunReport.PhaseInfo], alerts: [AlertEvent], speed: Double, planSeconds: Double, endSeconds: Double?) -> String {
        let scale = SVGScale(width: 720, height: 110, seconds: planSeconds, latencies: [])
        var svg = #"<svg class="chart timeline" viewBox="0 0 720 110" role="img" aria-label="phase timeline with alerts">"#
        svg += "<title>phase timeline with alert markers</title>"
        for (index, phase) in phases.enumerated() {
            let x1 = scale.x(phase.fromSeconds), x2 = scale.x(phase.untilSeconds)
            svg += #"<rect class="phase-bar p\#(index % 4)" x="\#(SVGScale.number(x1))" y="20" width="\#(SVGScale.number(max(x2 - x1 - 1, 1)))" height="30" rx="3"><title>\#(XMLText.escape(phase.name)): \#(SVGScale.timeLabel(phase.fromSeconds))–\#(SVGScale.timeLabel(phase.untilSeconds))</title></rect>"#
            // Label only bars wide enough for it (at the phone font size); the list under the chart names every phase.
            if Double(phase.name.count) * 11 < x2 - x1 {
                svg += #"<text class="phase-label" x="\#(SVGScale.number((x1 + x2) / 2))" y="35" text-anchor="middle" dominant-baseline="middle">\#(XMLText.escape(phase.name))</text>"#
            } else {
                svg += #"<text class="phase-label" x="\#(SVGScale.number((x1 + x2) / 2))" y="35" text-anchor="middle" dominant-baseline="middle">\#(index + 1)</text>"#
            }
        }
        if let endSeconds, endSeconds < planSeconds * 0.999 {
            let x = SVGScale.number(scale.x(endSeconds))
            svg += #"<line class="stop" x1="\#(x)" x2="\#(x)" y1="12" y2="84"/><text class="axis" x="\#(x)" y="10" text-anchor="middle">run ended</text>"#
        }
        for event in alerts {
            let x = scale.x(event.at * speed)
            let shape = event.state == .fired
                ? #"<path class="marker \#(event.level.rawValue)" d="M\#(SVGScale.number(x)) 56 l6 12 h-12 z">"#
                : #"<circle class="marker resolved" cx="\#(SVGScale.number(x))" cy="64" r="5">"#
            svg += shape + "<title>\(ClockText.format(event.at, speed: speed)) \(event.level.rawValue) alert \(XMLText.escape(event.rule)) \(event.state.rawValue)</title>"
            svg += event.state == .fired ? "</path>" : "</circle>"
        }
        for tick in scale.timeTicks() {
            let x = SVGScale.number(scale.x(tick))
            svg += #"<line class="grid" x1="\#(x)" x2="\#(x)" y1="74" y2="80"/><text class="axis" x="\#(x)" y="96" text-anchor="\#(scale.anchor(tick))">\#(SVGScale.timeLabel(tick))</text>"#
        }
        svg += "</svg>"
        return svg
    }
}
