import FakeSupport
import Foundation
import Hummingbird

extension FakeOdoo {
    /// `/web/webclient/version_info`: the same as `common.version`.
    func versionInfo(_ request: Request) async -> Response {
        await webCall(request) { _, _ throws(OdooFault) in services.version }
    }

    /// `/web/session/authenticate`: password only (API keys are refused here), sets `session_id`.
    func sessionAuthenticate(_ request: Request) async -> Response {
        var sessionID: String?
        var response = await webCall(request) { params, _ throws(OdooFault) in
            guard let database = params["db"]?.string, let login = params["login"]?.string,
                let password = params["password"]?.string
            else { throw .typeError("authenticate() missing required arguments: 'db', 'login' and 'password'") }
            guard let uid = try await state.login(database: database, login: login, secret: password, allowAPIKey: false)
            else { throw .accessDenied }
            sessionID = await state.openSession(database: database, uid: uid)
            return try await sessionInfo(database: database, uid: uid)
        }
        if let sessionID {
            response.headers[.setCookie] = "session_id=\(sessionID); Max-Age=604800; HttpOnly; Path=/; SameSite=Lax"
        }
        return response
    }

    /// `/web/session/get_session_info`: the open session, or a session error.
    func sessionInfo(_ request: Request) async -> Response {
        await webCall(request) { _, session throws(OdooFault) in
            guard let session else { throw .sessionExpired }
            return try await sessionInfo(database: session.database, uid: session.uid)
        }
    }

    /// `/web/session/destroy`.
    func sessionDestroy(_ request: Request) async -> Response {
        await state.closeSession(request.cookies["session_id"]?.value)
        return await webCall(request) { _, _ throws(OdooFault) in .null }
    }

    /// `/web/dataset/call_kw[/<model>/<method>]`: `{model, method, args, kwargs}` as the session's user.
    func callKW(_ request: Request) async -> Response {
        await webCall(request) { params, session throws(OdooFault) in
            guard let session else { throw .sessionExpired }
            guard let model = params["model"]?.string, let method = params["method"]?.string else {
                throw .typeError("call_kw() missing required arguments: 'model' and 'method'")
            }
            var kwargs = params["kwargs"]?.object ?? [:]
            kwargs["context"] = nil
            return try await state.execute(
                database: session.database, uid: session.uid, model: model, method: method,
                args: params["args"]?.array ?? [], kwargs: kwargs)
        }
    }

    /// Runs a JSON-typed web route: parses the envelope, finds the session, wraps the result or error.
    func webCall(
        _ request: Request,
        _ body: (_ params: JSONValue, _ session: OdooState.Session?) async throws(OdooFault) -> JSONValue
    ) async -> Response {
        let parsed = request.method == .get ? .success(["params": [:]]) : await Self.readJSON(request)
        let id = (try? parsed.get())?["id"] ?? .null
        do throws(OdooFault) {
            let message = try parsed.get()
            let session = await state.session(request.cookies["session_id"]?.value)
            let result = try await body(message["params"] ?? [:], session)
            return Self.json(["jsonrpc": "2.0", "id": id, "result": result])
        } catch {
            let status: HTTPResponse.Status = error.kind == .notFound ? .notFound : .ok
            return Self.json(["jsonrpc": "2.0", "id": id, "error": error.jsonRPCError], status: status)
        }
    }

    private func sessionInfo(database: String, uid: Int) async throws(OdooFault) -> JSONValue {
        let user = try await state.execute(
            database: database, uid: uid, model: "res.users", method: "read",
            args: [[.int(uid)], ["name", "login", "partner_id", "company_id", "tz", "lang"]], kwargs: [:])
        let row = user.array?.first ?? [:]
        return [
            "uid": .int(uid), "is_system": .bool(uid == 2), "is_admin": .bool(uid == 2), "db": .string(database),
            "name": row["name"] ?? false, "username": row["login"] ?? false,
            "partner_display_name": row["partner_id"]?.array?.last ?? false,
            "partner_id": row["partner_id"]?.array?.first ?? false,
            "company_id": row["company_id"]?.array?.first ?? false,
            "user_context": ["lang": row["lang"] ?? "en_US", "tz": row["tz"] ?? "Europe/Brussels", "uid": .int(uid)],
            "server_version": .string(configuration.serverVersion), "server_version_info": services.version["server_version_info"] ?? [],
            "web.base.url": "http://localhost", "user_companies": false, "currencies": [:],
        ]
    }
}
