extension ZohoState {
    /// Takes a concurrency slot and one API credit for `orgID`, or throws `TOO_MANY_REQUESTS`.
    func begin(orgID: String) throws(ZohoError) {
        guard var org = orgs[orgID] else { throw .invalidToken }
        let now = ContinuousClock.now
        org.creditsSpent.removeAll { now - $0 > configuration.window(.seconds(86_400)) }
        guard org.inFlight < configuration.concurrencyLimit else {
            throw .tooManyRequests("The concurrency limit of \(configuration.concurrencyLimit) requests was exceeded")
        }
        guard org.creditsSpent.count < configuration.dailyCredits else {
            throw .tooManyRequests("The API credits of the last 24 hours are used up")
        }
        org.inFlight += 1
        org.creditsSpent.append(now)
        orgs[orgID] = org
    }

    /// Gives back the concurrency slot taken by ``begin(orgID:)``.
    func end(orgID: String) {
        orgs[orgID]?.inFlight -= 1
    }

    /// The signed-in user of an org.
    func user(orgID: String) -> ZohoUser? { orgs[orgID]?.user }
}
