package io.gannet.patterns.pubsub;

import io.gannet.Msg;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import io.gannet.patterns.common.Unsupported;
import io.gannet.spi.SocketHost;
import io.netty.buffer.ByteBuf;

/**
 * SUB (RFC 29): an XSUB whose application cannot send. {@code SUBSCRIBE}/{@code UNSUBSCRIBE}
 * become subscription messages sent upstream (and remembered for publishers that attach
 * later), and received messages are delivered only when a subscribed topic prefixes their
 * first frame; the other frames follow the first, or are dropped with it. A filtered-out
 * message is not counted by {@link io.gannet.Socket#droppedMessages()} (nobody asked for it);
 * a subscription lost on its way upstream is, as for {@link XSub}. Owned by the socket's
 * thread.
 */
public final class Sub extends XSub {
    private final SocketHost host;

    public Sub(SocketHost host) {
        super(host, true);
        this.host = host;
    }

    @Override
    public boolean send(Msg msg) {
        throw Unsupported.cannotSend(SocketType.SUB);
    }

    @Override
    public boolean hasOut() {
        return false;
    }

    @Override
    public void optionChanged(SocketOption<?> option, Object value) {
        if (option == SocketOption.SUBSCRIBE || option == SocketOption.UNSUBSCRIBE) {
            byte[] topic = (byte[]) value;
            ByteBuf b = host.alloc().buffer(topic.length + 1)
                    .writeByte(option == SocketOption.SUBSCRIBE ? 1 : 0).writeBytes(topic);
            sendUpstream(Msg.wrap(b));
            return;
        }
        super.optionChanged(option, value);
    }
}
