import Foundation

/// Maps plan time to x and latency to y (logarithmic: latencies span milliseconds to timeouts).
struct SVGScale: Sendable {
    var width: Double
    var height: Double
    var left: Double = 74
    var right: Double = 18
    var top: Double = 18
    var bottom: Double = 26
    /// Plan seconds shown.
    var seconds: Double
    /// Decades shown, as powers of ten of seconds.
    var lowDecade: Int
    var highDecade: Int

    init(width: Double, height: Double, seconds: Double, latencies: [Double]) {
        self.width = width
        self.height = height
        self.seconds = Swift.max(seconds, 1)
        let positive = latencies.filter { $0 > 0 }
        lowDecade = Int(floor(log10(positive.min() ?? 0.001)))
        highDecade = Swift.max(Int(ceil(log10(positive.max() ?? 1))), lowDecade + 1)
    }

    func x(_ planSeconds: Double) -> Double {
        left + (width - left - right) * Swift.min(Swift.max(planSeconds / seconds, 0), 1)
    }

    func y(_ latency: Double) -> Double {
        let value = log10(Swift.max(latency, pow(10, Double(lowDecade))))
        let fraction = (value - Double(lowDecade)) / Double(highDecade - lowDecade)
        return top + (height - top - bottom) * (1 - fraction)
    }

    var plotBottom: Double { height - bottom }
    var plotRight: Double { width - right }

    /// `n` evenly spaced plan-time ticks in whole minutes where possible.
    func timeTicks(_ count: Int = 6) -> [Double] {
        let step = Swift.max((seconds / Double(count) / 60).rounded(.up), 1) * 60
        return stride(from: 0, through: seconds, by: seconds < 120 ? seconds / Double(count) : step).map { $0 }
    }

    static func number(_ value: Double) -> String { String(format: "%.1f", value) }

    /// Text anchor for a time tick: the last one ends at its tick so it is not cut off.
    func anchor(_ tick: Double) -> String { tick >= seconds * 0.98 ? "end" : tick == 0 ? "start" : "middle" }

    static func timeLabel(_ seconds: Double) -> String {
        seconds >= 60 || seconds == 0 ? "\(Int((seconds / 60).rounded()))m" : "\(Int(seconds.rounded()))s"
    }

    static func latencyLabel(decade: Int) -> String {
        switch decade {
        case ...(-4): "\(Int(pow(10, Double(decade + 6)).rounded()))µs"
        case -3 ... -1: "\(Int(pow(10, Double(decade + 3)).rounded()))ms"
        default: "\(Int(pow(10, Double(decade)).rounded()))s"
        }
    }
}
