import FakeSupport
import Hummingbird

extension ProviderApplication {
    /// `/__fake/…`: ping (GET, and POST reading the body), records, journal, reset, faults, and webhook
    /// subscriptions, triggers and deliveries.
    func registerInspectionRoutes(on router: Router<ProviderRequestContext>) {
        let provider = self.provider
        let controls = self.controls
        let name = provider.provider.rawValue
        let prefix = Self.inspectionPrefix
        let pong = ByteBuffer(string: "pong")

        router.get("\(prefix)/ping") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain"], body: .init(byteBuffer: pong))
        }

        // The bare POST the create route is measured against: it reads the body like any write route does.
        router.post("\(prefix)/ping") { request, _ in
            _ = try await request.body.collect(upTo: 1 << 20)
            return Response(status: .ok, headers: [.contentType: "text/plain"], body: .init(byteBuffer: pong))
        }

        router.get("\(prefix)/records") { _, _ in
            let records = await provider.records()
            return Response.json([
                "provider": .string(name), "records": .object(records.mapValues { .array($0) }),
            ])
        }

        router.get("\(prefix)/journal") { request, _ in
            var entries = controls.journal.entries()
            if let limit = request.uri.queryParameters.get("limit").flatMap(Int.init), limit >= 0 {
                entries = Array(entries.suffix(limit))
            }
            return Response.json(["provider": .string(name), "entries": .array(entries.map(\.json))])
        }

        router.post("\(prefix)/reset") { _, _ in
            await provider.reset()
            controls.journal.reset()
            controls.faults.restart()
            return Response.json(["provider": .string(name), "reset": true])
        }

        router.get("\(prefix)/faults") { _, _ in
            Response.json(controls.faults.plan.json)
        }

        router.put("\(prefix)/faults") { request, _ in
            let body = try await request.body.collect(upTo: 1 << 20)
            do {
                let plan = try ProviderFaultPlan.parse(
                    yaml: String(buffer: body), fileName: "request body", defaultSeed: controls.faults.plan.seed)
                controls.faults.replace(with: plan)
                return Response.json(plan.json)
            } catch let error as FaultPlanError {
                return Self.inspectionError(.badRequest, error.description)
            }
        }

        router.delete("\(prefix)/faults") { _, _ in
            controls.faults.replace(with: ProviderFaultPlan(seed: controls.faults.plan.seed))
            return Response(status: .noContent)
        }

        router.get("\(prefix)/subscriptions") { _, _ in
            guard let webhooks = provider.webhooks else { return Self.noWebhooks(name) }
            return Response.json(["results": .array(await webhooks.subscriptions())])
        }

        router.post("\(prefix)/subscriptions") { request, _ in
            guard let webhooks = provider.webhooks else { return Self.noWebhooks(name) }
            do {
                let body = try await Self.jsonBody(request)
                return Response.json(try await webhooks.subscribe(body), status: .created)
            } catch let error as FakeWebhookError {
                return Self.inspectionError(.badRequest, error.message)
            }
        }

        router.delete("\(prefix)/subscriptions/:id") { _, context in
            guard let webhooks = provider.webhooks else { return Self.noWebhooks(name) }
            let id = context.parameters.get("id") ?? ""
            guard await webhooks.unsubscribe(id: id) else {
                return Self.inspectionError(.notFound, "There is no subscription \(id).")
            }
            return Response(status: .noContent)
        }

        router.post("\(prefix)/trigger") { request, _ in
            guard let webhooks = provider.webhooks else { return Self.noWebhooks(name) }
            do {
                let body = try await Self.jsonBody(request)
                return Response.json(try await webhooks.trigger(body), status: .accepted)
            } catch let error as FakeWebhookError {
                return Self.inspectionError(.badRequest, error.message)
            }
        }

        router.get("\(prefix)/deliveries") { _, _ in
            guard let webhooks = provider.webhooks else { return Self.noWebhooks(name) }
            return Response.json(["results": .array(await webhooks.deliveries())])
        }
    }

    private static func jsonBody(_ request: Request) async throws -> JSONValue {
        let body = try await request.body.collect(upTo: 1 << 20)
        if body.readableBytes == 0 { return .object([:]) }
        do {
            return try JSONValue.parse(body.readableBytesView)
        } catch {
            throw FakeWebhookError("The body is not valid JSON: \(error).")
        }
    }

    private static func noWebhooks(_ name: String) -> Response {
        inspectionError(.notFound, "The fake \(name) sends no webhooks.")
    }

    static func inspectionError(_ status: HTTPResponse.Status, _ message: String) -> Response {
        Response.json(["error": .string(message)], status: status)
    }
}
