import NIOCore

/// Resets connections while the `refuse-connections` fault is in force.
///
/// Sits in the HTTP/1 child pipeline. A connection accepted during the window is reset at once; a
/// keep-alive connection opened before it is reset when its next request arrives, so pooled
/// clients cannot ride through the outage. With SO_LINGER set to zero the close sends a TCP RST:
/// clients see a connection error, never an HTTP status.
package final class ConnectionRefuser: ChannelInboundHandler, RemovableChannelHandler {
    package typealias InboundIn = NIOAny
    package typealias InboundOut = NIOAny

    private let shouldRefuse: @Sendable () -> Bool
    private var checkedOnActive = false
    private var reset = false

    package init(shouldRefuse: @escaping @Sendable () -> Bool) {
        self.shouldRefuse = shouldRefuse
    }

    package func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { checkOnActive(context: context) }
    }

    package func channelActive(context: ChannelHandlerContext) {
        checkOnActive(context: context)
        if !reset { context.fireChannelActive() }
    }

    package func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if reset { return }
        if shouldRefuse() {
            resetConnection(context: context)
            return
        }
        context.fireChannelRead(data)
    }

    private func checkOnActive(context: ChannelHandlerContext) {
        guard !checkedOnActive else { return }
        checkedOnActive = true
        if shouldRefuse() { resetConnection(context: context) }
    }

    private func resetConnection(context: ChannelHandlerContext) {
        guard !reset else { return }
        reset = true
        if let socket = context.channel as? any SocketOptionProvider {
            _ = socket.setSoLinger(NIOLinger(l_onoff: 1, l_linger: 0))
        }
        context.close(promise: nil)
    }
}
