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
            "from": .string(FaultDuration.text(from)),
        ]
        if let until { object["until"] = .string(FaultDuration.text(until)) }
        switch kind {
        case .latency(.fixed(let delay)):
            object["distribution"] = "fixed"
            object["delay"] = .string(FaultDuration.text(delay))
        case .latency(.uniform(let low, let high)):
            object["distribution"] = "uniform"
            object["min"] = .string(FaultDuration.text(low))
            object["max"] = .string(FaultDuration.text(high))
        case .latency(.logNormal(let median, let sigma, let cap)):
            object["distribution"] = "log-normal"
            object["median"] = .string(FaultDuration.text(median))
            object["sigma"] = .number(sigma)
            if let cap { object["max"] = .string(FaultDuration.text(cap)) }
        case .errors(let status):
            object["status"] = .int(status)
        case .rateLimitStorm(let limit, let floor, let window, let ramp):
            object["limit"] = .int(limit)
            object["floor"] = .int(floor)
            object["window"] = .string(FaultDuration.text(window))
            if let ramp { object["ramp"] = .string(FaultDuration.text(ramp)) }
        case .outage(let mode):
            object["mode"] = .string(mode.rawValue)
        case .slowBody(let chunkBytes, let interval):
            object["chunk_bytes"] = .int(chunkBytes)
            object["interval"] = .string(FaultDuration.text(interval))
        case .truncatedBody(let keep):
            object["keep"] = .number(keep)
        }
        return .object(object)
    }
}
