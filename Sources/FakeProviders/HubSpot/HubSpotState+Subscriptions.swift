extension HubSpotState {
    /// Stores a new subscription under the next id; a nil `targetURL` makes it the app's, delivered to the
    /// settings' target.
    func addSubscription(
        eventType: String, propertyName: String?, objectTypeID: String?, targetURL: String?, portalID: Int?,
        active: Bool
    ) -> HubSpotWebhookStore.Subscription {
        let now = HubSpotTimestamp.text(milliseconds: HubSpotTimestamp.nowMilliseconds())
        return try! withStore { store in
            let subscription = HubSpotWebhookStore.Subscription(
                id: store.webhooks.nextSubscriptionID, eventType: eventType, propertyName: propertyName,
                objectTypeID: objectTypeID, targetURL: targetURL, portalID: portalID, active: active, createdAt: now,
                updatedAt: now)
            store.webhooks.subscriptions[subscription.id] = subscription
            store.webhooks.nextSubscriptionID += 1
            return subscription
        }
    }
}
