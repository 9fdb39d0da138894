import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Posts a test receiver got.
final class ReceivedPosts: @unchecked Sendable {
    private let lock = NSLock()
    private var posts: [([UInt8], HTTPFields)] = []
    func add(_ body: [UInt8], _ headers: HTTPFields) { lock.withLock { posts.append((body, headers)) } }
    var count: Int { lock.withLock { posts.count } }
    var first: ([UInt8], HTTPFields)? { lock.withLock { posts.first } }
}

/// Runs a real webhook receiver on a free loopback port for `body`, which gets the receiver's URL for
/// `path` and the posts it has received so far; the receiver answers 204.
func withLoopbackReceiver<T: Sendable>(
    path: String, _ body: @Sendable (_ target: String, _ received: ReceivedPosts) async throws -> T
) async throws -> T {
    let received = ReceivedPosts()
    let router = Router()
    router.post(RouterPath(path)) { request, _ -> HTTPResponse.Status in
        let bytes = try await request.body.collect(upTo: 1 << 20)
        received.add(Array(bytes.readableBytesView), request.headers)
        return .noContent
    }
    let application = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    return try await application.test(.live) { client in
        let port = try #require(client.port)
        return try await body("http://127.0.0.1:\(port)\(path)", received)
    }
}
