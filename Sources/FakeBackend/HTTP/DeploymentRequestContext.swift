import Foundation
import Hummingbird

/// The request context of the fake deployment's routes: JSON answers with keys in a stable order.
struct DeploymentRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }

    var responseEncoder: JSONEncoder { .sortedKeys }
}

extension JSONEncoder {
    /// An encoder writing object keys in sorted order.
    static var sortedKeys: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
