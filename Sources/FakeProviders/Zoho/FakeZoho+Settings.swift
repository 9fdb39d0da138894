import FakeSupport
import Hummingbird

extension FakeZoho {
    /// `GET users?type=CurrentUser`: the token's user, with the email the SDK keys its token store by.
    func currentUser(_ call: ZohoCall) async -> Response {
        guard let user = await state.user(orgID: call.orgID) else { return Response(status: .noContent) }
        let names = user.name.split(separator: " ", maxSplits: 1).map(String.init)
        let entry: JSONValue = [
            "id": .string(user.id), "email": .string(user.email), "full_name": .string(user.name),
            "first_name": .string(names.first ?? ""), "last_name": .string(names.count > 1 ? names[1] : ""),
            "status": "active", "confirm": true, "zuid": .string(user.id),
            "role": ["name": "CEO", "id": "5725767000000026005"],
            "profile": ["name": "Administrator", "id": "5725767000000026011"],
        ]
        return zohoJSON([
            "users": [entry], "info": ["per_page": 200, "count": 1, "page": 1, "more_records": false],
        ])
    }

    /// `GET org`: the org with its `zgid`.
    func org(_ call: ZohoCall) -> Response {
        zohoJSON([
            "org": [
                [
                    "id": .string(call.orgID), "zgid": .string(call.orgID), "company_name": "Canary Test Org",
                    "primary_email": "owner@canary.example", "time_zone": "UTC", "iso_code": "USD",
                    "currency_symbol": "$", "country_code": "US", "type": "production", "domain_name": .string("org\(call.orgID)"),
                    "license_details": ["paid": true, "paid_type": "standard", "users_license_purchased": 10],
                ]
            ]
        ])
    }

    /// `GET settings/fields?module=`: the module's field metadata.
    func fields(_ call: ZohoCall) throws(ZohoError) -> Response {
        guard let name = call.query["module"] else { throw ZohoError.requiredParam(["module"]) }
        guard let module = ZohoModule.named(name) else { throw ZohoError.invalidModule(name) }
        return zohoJSON(module.fieldsMetadata)
    }
}
