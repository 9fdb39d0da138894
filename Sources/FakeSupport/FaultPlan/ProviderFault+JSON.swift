extension ProviderFaultPlan {
    /// The plan as `GET /__fake/faults` shows it, in the keys `PUT /__fake/faults` takes.
    public var json: JSONValue {
        ["seed": .number(Double(seed)), "faults": .array(faults.map(\.json))]
    }
}

extension ProviderFault {
    /// The fault in its YAML keys, durations as text (`250ms`).
    public var json: JSONValue {
        var object: [String: JSONValue] = [
            "kind": .string(kind.name), "route": .string(route.description), "rate": .number(rate),
            "from": .string(Self.text(from)),
        ]
        if let until { object["until"] = .string(Self.text(until)) }
        switch kind {
        case .latency(.fixed(let delay)):
            object["distribution"] = "fixed"
            object["delay"] = .string(Self.text(delay))
        case .latency(.uniform(let low, let high)):
            object["distribution"] = "uniform"
            object["min"] = .string(Self.text(low))
            object["max"] = .string(Self.text(high))
        case .latency(.logNormal(let median, let sigma, let cap)):
            object["distribution"] = "log-normal"
            object["median"] = .string(Self.text(median))
            object["sigma"] = .number(sigma)
            if let cap { object["max"] = .string(Self.text(cap)) }
        case .errors(let status):
            object["status"] = .int(status)
        case .rateLimitStorm(let limit, let floor, let window, let ramp):
            object["limit"] = .int(limit)
            object["floor"] = .int(floor)
            object["window"] = .string(Self.text(window))
            if let ramp { object["ramp"] = .string(Self.text(ramp)) }
        case .outage(let mode):
            object["mode"] = .string(mode.rawValue)
        case .slowBody(let chunkBytes, let interval):
            object["chunk_bytes"] = .int(chunkBytes)
            object["interval"] = .string(Self.text(interval))
        case .truncatedBody(let keep):
            object["keep"] = .number(keep)
        }
        return .object(object)
    }

    /// A duration in whole milliseconds, e.g. `1500ms`.
    package static func text(_ duration: Duration) -> String {
        let milliseconds = Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) * 1e-15
        return JSONValue.numberText((milliseconds * 1000).rounded() / 1000) + "ms"
    }
}
