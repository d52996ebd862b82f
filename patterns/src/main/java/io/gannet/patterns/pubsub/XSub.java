package io.gannet.patterns.pubsub;

import io.gannet.Msg;
import io.gannet.SocketOption;
import io.gannet.patterns.common.Distributor;
import io.gannet.patterns.common.FairQueue;
import io.gannet.patterns.common.SubscriptionTrie;
import io.gannet.patterns.common.TopicVisitor;
import io.gannet.spi.Pipe;
import io.gannet.spi.SocketHost;
import io.gannet.spi.SocketProtocol;
import io.netty.buffer.ByteBuf;

/**
 * XSUB (RFC 29), and the base of {@link Sub}. Fair-queues messages from its publishers.
 * What the application sends goes upstream to every publisher (dropped for one at its
 * high-water mark; never blocks): a message whose first byte is 1 subscribes to the topic
 * after it, 0 cancels one subscription, anything else is passed on as data (libzmq 4.3).
 *
 * <p>Subscriptions are counted in a {@link SubscriptionTrie}: every subscribe is forwarded
 * (so XPUB_VERBOSE upstream sees each), but a cancel only when it removes the topic's last
 * subscription, as libzmq does; publishers keep one entry per subscriber and topic. Each
 * newly attached (or reconnected) publisher is sent every current topic once. SUB additionally drops
 * received messages whose first frame no topic prefixes (inverted with INVERT_MATCHING).
 *
 * <p>{@link io.gannet.Socket#droppedMessages()} counts, once per message and publisher, what
 * goes upstream and is lost: a message (data or subscription) for a publisher at its
 * high-water mark, or one it was getting when it left, and a subscription replayed to a new
 * or reconnected publisher that its pipe refused. A subscription is counted although the
 * application did not send it as a message (SUB's {@code subscribe}, a replay): losing it
 * loses every later message on that topic, which is worth seeing. Not counted: a cancel that
 * is not forwarded because other subscriptions to the topic remain (nothing is lost), and
 * a received message SUB filters out (nobody asked for it).
 *
 * <p>Owned by the socket's thread.
 */
public class XSub implements SocketProtocol {
    private final SocketHost host;
    private final boolean filter;
    private final FairQueue in = new FairQueue();
    private final Distributor out;
    private final SubscriptionTrie subscriptions = new SubscriptionTrie();
    private final Msg ahead = new Msg();
    private final Msg replay = new Msg();
    private final TopicVisitor sendToNewPipe = this::sendToNewPipe;
    private Pipe newPipe;
    private boolean hasAhead;
    private boolean moreRecv;
    private boolean moreSend;
    private boolean dropSend;
    private boolean invert;

    public XSub(SocketHost host) {
        this(host, false);
    }

    XSub(SocketHost host, boolean filter) {
        this.host = host;
        this.filter = filter;
        this.out = new Distributor(host::countDropped);
    }

    @Override
    public void attach(Pipe pipe) {
        in.attach(pipe);
        out.attach(pipe);
        sendSubscriptions(pipe);
    }

    /** The connection was made again: the new publisher knows none of our subscriptions. */
    @Override
    public void hiccuped(Pipe pipe) {
        sendSubscriptions(pipe);
    }

    private void sendSubscriptions(Pipe pipe) {
        newPipe = pipe;
        subscriptions.forEach(sendToNewPipe);
        newPipe = null;
        pipe.flush();
    }

    private void sendToNewPipe(byte[] topic, int length) {
        replay.set(host.alloc().buffer(length + 1).writeByte(1).writeBytes(topic, 0, length), false);
        if (!newPipe.write(replay)) {
            replay.close(); // at the high-water mark: dropped, as libzmq does, and counted
            host.countDropped(1);
        }
    }

    @Override
    public void terminated(Pipe pipe) {
        in.terminated(pipe);
        out.terminated(pipe);
    }

    @Override
    public void readActivated(Pipe pipe) {
        in.activated(pipe);
    }

    @Override
    public void writeActivated(Pipe pipe) {
        out.activated(pipe);
    }

    @Override
    public boolean send(Msg msg) {
        return sendUpstream(msg);
    }

    /** Sends one frame upstream, applying it first if it is a subscription; never refuses. */
    final boolean sendUpstream(Msg msg) {
        boolean first = !moreSend;
        moreSend = msg.hasMore();
        if (!first) {
            if (dropSend) {
                msg.close();
            } else {
                out.sendToAll(msg);
            }
            dropSend &= moreSend;
            return true;
        }
        ByteBuf d = msg.data();
        int size = d.readableBytes();
        int kind = size > 0 ? d.getByte(d.readerIndex()) : -1;
        if (kind == 1) {
            subscriptions.add(d, d.readerIndex() + 1, size - 1);
        } else if (kind == 0 && !subscriptions.remove(d, d.readerIndex() + 1, size - 1)) {
            // Other subscriptions to the topic remain (or there was none): publishers keep it.
            dropSend = moreSend;
            msg.close();
            return true;
        }
        out.sendToAll(msg);
        return true;
    }

    @Override
    public boolean recv(Msg msg) {
        if (hasAhead) {
            boolean more = ahead.hasMore();
            msg.move(ahead); // with its connection properties
            hasAhead = false;
            moreRecv = more;
            return true;
        }
        while (in.recv(msg)) {
            if (moreRecv || !filter || matches(msg)) {
                moreRecv = msg.hasMore();
                return true;
            }
            skipRest(msg);
        }
        return false;
    }

    @Override
    public boolean hasIn() {
        if (moreRecv || hasAhead) {
            return true;
        }
        if (!filter) {
            return in.hasIn();
        }
        // Only a matching message makes the socket readable: read ahead until one is found.
        while (in.recv(ahead)) {
            if (matches(ahead)) {
                hasAhead = true;
                return true;
            }
            skipRest(ahead);
        }
        return false;
    }

    private boolean matches(Msg msg) {
        return subscriptions.matches(msg.data()) ^ invert;
    }

    /** Drops the rest of a message that did not match (whole messages: its frames are all there). */
    private void skipRest(Msg msg) {
        while (msg.hasMore() && in.recv(msg)) {
            // dropping
        }
        msg.close();
    }

    @Override
    public boolean hasOut() {
        return true;
    }

    @Override
    public void optionChanged(SocketOption<?> option, Object value) {
        if (option == SocketOption.INVERT_MATCHING) {
            invert = (Boolean) value;
        }
    }

    @Override
    public void close() {
        ahead.close();
        replay.close();
    }
}
