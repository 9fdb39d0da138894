extension DeploymentFaultPlan {
    /// The plan as it stands `elapsed` into it: every window moved earlier by `elapsed`, and faults that are over
    /// left out, so that fakes started anew (a resumed run) go on where the first ones stood.
    public func advanced(by elapsed: Duration) -> DeploymentFaultPlan {
        var plan = self
        plan.faults = faults.compactMap { fault in
            guard let window = Self.shift(from: fault.from, until: fault.until, by: elapsed) else { return nil }
            var moved = fault
            (moved.from, moved.until) = window
            return moved
        }
        plan.providers = providers.mapValues { provider in
            var moved = provider
            moved.faults = provider.faults.compactMap { fault in
                guard let window = Self.shift(from: fault.from, until: fault.until, by: elapsed) else { return nil }
                var shifted = fault
                (shifted.from, shifted.until) = window
                return shifted
            }
            return moved
        }
        return plan
    }

    private static func shift(from: Duration, until: Duration?, by elapsed: Duration) -> (Duration, Duration?)? {
        if let until, until <= elapsed { return nil }
        return (max(.zero, from - elapsed), until.map { $0 - elapsed })
    }
}
