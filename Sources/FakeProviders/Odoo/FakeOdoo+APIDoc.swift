import FakeSupport
import Hummingbird

extension FakeOdoo {
    /// `GET /doc-bearer/<model>.json` and `/doc-bearer/index.json`, with the same API key as JSON-2.
    func docBearer(_ request: Request, file: String) async -> Response {
        await bearerCall(request) { database, uid, _ throws(OdooFault) in
            let notFound = OdooFault.json2NotFound(
                "The requested URL was not found on the server. If you entered the URL manually please check your "
                    + "spelling and try again.")
            guard file.hasSuffix(".json") else { throw notFound }
            let name = String(file.dropLast(5))
            if name == "index" { return Self.json2Response(OdooAPIDoc.index) }
            guard let model = OdooModel.named(name) else { throw notFound }
            let fields = try await state.execute(
                database: database, uid: uid, model: model.name, method: "fields_get", args: [], kwargs: [:])
            return Self.json2Response(
                text: OdooAPIDoc.model(model, fields: fields), headers: [.cacheControl: "no-cache, private"])
        }
    }
}
