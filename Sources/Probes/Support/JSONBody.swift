import Foundation
import NIOCore

extension ProbeResponse {
    /// The body parsed as a JSON object, or nil when it is not one.
    public var jsonObject: [String: Any]? {
        let data = Data(body.readableBytesView)
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    }
}
