import FakeSupport
import Foundation
import HTTPTypes
import Hummingbird

extension FakeOdoo {
    /// `POST /json/2/<model>/<method>`: the body's members are the method's named arguments, `ids` and
    /// `context` build the recordset; the bare result is the answer, recordsets as lists of ids.
    func json2(_ request: Request, model name: String, method: String) async -> Response {
        await bearerCall(request) { database, uid, body throws(OdooFault) in
            guard let model = OdooModel.named(name) else { throw .json2NotFound("the model '\(name)' does not exist") }
            if method.hasPrefix("_") {
                throw .accessError("Private methods (such as \(name).\(method)) cannot be called remotely.")
            }
            guard let signature = OdooMethodSignature.named(method, on: model) else {
                throw .json2NotFound("The method '\(method)' does not exist on the model '\(name)'")
            }
            var kwargs = body
            let ids = kwargs.removeValue(forKey: "ids") ?? []
            kwargs["context"] = nil
            if signature.isModelMethod, OdooDatabase.isTruthy(ids) {
                throw .unprocessable("cannot call \(name).\(method) with ids")
            }
            try signature.bind(kwargs)
            if !signature.isModelMethod { kwargs["ids"] = ids }
            let result = try await state.execute(
                database: database, uid: uid, model: name, method: method, args: [], kwargs: kwargs)
            if method == "create", let id = result.int { return Self.json2Response([.int(id)]) }
            return Self.json2Response(result)
        }
    }

    /// Any other request under `/json/2`: werkzeug's `NotFound`, no key needed.
    func json2Elsewhere(_ request: Request) -> Response {
        let fault = OdooFault.json2NotFound("Did you mean POST /json/2/<model>/<method>?")
        return Self.json2Response(fault.json2Body, status: fault.json2Status)
    }

    /// Runs a bearer-authenticated JSON-2 route: picks the database, checks the content type and the API key,
    /// reads the JSON object body, and answers `body`'s response or the error's JSON-2 body.
    func bearerCall(
        _ request: Request,
        _ body: (_ database: String, _ uid: Int, _ arguments: [String: JSONValue]) async throws(OdooFault) -> Response
    ) async -> Response {
        guard let database = json2Database(request) else {
            return Self.werkzeugPage(.notFound, "The requested URL was not found in the server-wide controllers.")
        }
        let length = request.headers[.contentLength].flatMap { Int($0) } ?? 0
        let mimetype = request.headers[.contentType]?.split(separator: ";").first?
            .trimmingCharacters(in: .whitespaces).lowercased()
        if mimetype != "application/json", length > 0 || mimetype != nil {
            return Self.werkzeugPage(
                .unsupportedMediaType,
                "Request inferred type is compatible with ['http'] but \(request.uri.path) is type=json2.\n\n"
                    + "Please verify the Content-Type request header and try again.")
        }
        do throws(OdooFault) {
            let uid = try await bearerUID(request)
            return try await body(database, uid, try await Self.json2Arguments(request))
        } catch {
            var headers: HTTPFields = [:]
            if error.kind == .http(401) { headers[.wwwAuthenticate] = "Bearer" }
            return Self.json2Response(error.json2Body, status: error.json2Status, headers: headers)
        }
    }

    /// The database `X-Odoo-Database` names, or the only one when the header is absent; nil when unknown.
    private func json2Database(_ request: Request) -> String? {
        if let named = request.headers[Self.databaseHeader] {
            return configuration.databases.contains(named) ? named : nil
        }
        return configuration.databases.count == 1 ? configuration.databases[0] : nil
    }

    /// The uid of `Authorization: bearer <api key>`; the scheme is case-insensitive.
    private func bearerUID(_ request: Request) async throws(OdooFault) -> Int {
        guard let header = request.headers[.authorization], header.prefix(7).lowercased() == "bearer ",
            case let key = header.dropFirst(7).trimmingCharacters(in: .whitespaces), !key.isEmpty
        else { throw .unauthorized("User not authenticated, use the \"Authorization\" header") }
        guard let uid = await state.uid(apiKey: key) else { throw .unauthorized("Invalid apikey") }
        return uid
    }

    /// The body's JSON object; an empty body is no arguments.
    private static func json2Arguments(_ request: Request) async throws(OdooFault) -> [String: JSONValue] {
        guard let buffer = try? await request.body.collect(upTo: 16 << 20) else {
            throw .badRequest("could not parse the body as json: the body is too large")
        }
        if buffer.readableBytes == 0 { return [:] }
        let value: JSONValue
        do {
            value = try JSONValue.parse(buffer.readableBytesView)
        } catch {
            throw .badRequest("could not parse the body as json: \(error.description)")
        }
        guard let members = value.object else { throw .badRequest("could not parse the body, expecting a json object") }
        return members
    }

    static let databaseHeader = HTTPField.Name("X-Odoo-Database")!

    /// A JSON-2 answer: `application/json; charset=utf-8`.
    static func json2Response(_ value: JSONValue, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        json2Response(text: value.jsonText, status: status, headers: headers)
    }

    /// A JSON-2 answer from JSON text written elsewhere.
    static func json2Response(text: String, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// werkzeug's HTML error page, which Odoo answers before any JSON-2 code runs.
    static func werkzeugPage(_ status: HTTPResponse.Status, _ description: String) -> Response {
        let escaped = description.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "'", with: "&#39;")
        let page =
            "<!doctype html>\n<html lang=en>\n<title>\(status.code) \(status.reasonPhrase)</title>\n"
            + "<h1>\(status.reasonPhrase)</h1>\n<p>\(escaped)</p>\n"
        return Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: page)))
    }
}
