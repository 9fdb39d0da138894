import FakeSupport
import Hummingbird

extension FakeOdoo {
    /// `POST /jsonrpc`: `{"params": {"service", "method", "args"}}`; errors are HTTP 200 envelopes.
    func jsonRPC(_ request: Request) async -> Response {
        let body = await Self.readJSON(request)
        let id = body.value?["id"] ?? .null
        do throws(OdooFault) {
            let message = try body.get()
            guard let params = message["params"], let service = params["service"]?.string,
                let method = params["method"]?.string
            else { throw .typeError("dispatch_rpc() missing required arguments: 'service_name', 'method'") }
            let args = params["args"]?.array ?? []
            let result = try await services.dispatch(service: service, method: method, args: args)
            return Self.json(["jsonrpc": "2.0", "id": id, "result": result])
        } catch {
            return Self.json(["jsonrpc": "2.0", "id": id, "error": error.jsonRPCError])
        }
    }

    /// `POST /xmlrpc/2/{service}` (int fault codes) or `/xmlrpc/{service}` (string fault codes).
    func xmlRPC(_ request: Request, service: String, legacy: Bool) async -> Response {
        do throws(OdooFault) {
            let bytes: ByteBuffer
            do {
                bytes = try await request.body.collect(upTo: 16 << 20)
            } catch {
                throw OdooFault(kind: .application, name: "builtins.ValueError", message: "The request body is too large.")
            }
            let call: XMLRPCCall
            do {
                call = try XMLRPCCall.parse(bytes.readableBytesView)
            } catch {
                throw OdooFault(kind: .application, name: "xml.parsers.expat.ExpatError", message: error.description)
            }
            let result = try await services.dispatch(service: service, method: call.methodName, args: call.params)
            return Self.xml(XMLRPCResponse.success(result))
        } catch {
            let fault = legacy ? error.legacyFault : error.xmlrpcFault
            return Self.xml(XMLRPCResponse.fault(code: fault.code, string: fault.string))
        }
    }

    /// The body as a JSON-RPC message, or Odoo's `BadRequest` for text that is not JSON.
    static func readJSON(_ request: Request) async -> Result<JSONValue, OdooFault> {
        let badRequest = OdooFault(
            kind: .application, name: "werkzeug.exceptions.BadRequest", message: "400 Bad Request: Invalid JSON data")
        guard let buffer = try? await request.body.collect(upTo: 16 << 20),
            let value = try? JSONValue.parse(buffer.readableBytesView), value.object != nil
        else { return .failure(badRequest) }
        return .success(value)
    }
}

extension Result {
    /// The success value, if any.
    fileprivate var value: Success? { try? get() }
}
