import NIOCore

/// Resets each newly accepted connection while the `refuse-connections` fault is in force.
///
/// Sits in the HTTP/1 child pipeline; with SO_LINGER set to zero the close sends a TCP RST,
/// so clients see "connection reset" instead of any HTTP status.
final class ConnectionRefuser: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny
    typealias InboundOut = NIOAny

    private let shouldRefuse: @Sendable () -> Bool
    private var decided = false

    init(shouldRefuse: @escaping @Sendable () -> Bool) {
        self.shouldRefuse = shouldRefuse
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { refuseIfFaulted(context: context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        if refuseIfFaulted(context: context) { return }
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        context.fireChannelRead(data)
    }

    /// Resets the connection if the fault is active; decides once per connection.
    @discardableResult
    private func refuseIfFaulted(context: ChannelHandlerContext) -> Bool {
        guard !decided else { return false }
        decided = true
        guard shouldRefuse() else { return false }
        if let socket = context.channel as? any SocketOptionProvider {
            _ = socket.setSoLinger(NIOLinger(l_onoff: 1, l_linger: 0))
        }
        context.close(promise: nil)
        return true
    }
}
