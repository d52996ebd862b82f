package io.gannet.patterns.pubsub;

import io.gannet.ErrorCode;
import io.gannet.GannetException;
import io.gannet.Msg;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import io.gannet.patterns.common.Distributor;
import io.gannet.patterns.common.PipeTrie;
import io.gannet.patterns.common.PipeVisitor;
import io.gannet.patterns.common.TopicVisitor;
import io.gannet.patterns.common.Unsupported;
import io.gannet.spi.Pipe;
import io.gannet.spi.SocketHost;
import io.gannet.spi.SocketProtocol;
import io.netty.buffer.ByteBuf;

/**
 * XPUB (RFC 29), and the base of {@link Pub}. Subscribers send subscriptions up their pipes
 * as messages whose first byte is 1 (subscribe) or 0 (cancel) followed by the topic; they
 * are applied to a {@link PipeTrie}, and each message sent goes, whole, to the pipes whose
 * topics prefix its first frame, through a {@link Distributor} that drops it for pipes at
 * their high-water mark (unless {@code XPUB_NODROP}: then send waits or fails).
 *
 * <p>The application receives, as libzmq 4.3 gives them: a topic's first subscription and
 * its last cancellation ({@code XPUB_VERBOSE}: every subscription; {@code XPUB_VERBOSER}:
 * every cancellation too; a cancellation of an unknown topic is passed on, as libzmq does);
 * with {@code XPUB_MANUAL} every subscription and cancellation unapplied, the application
 * then applying them with {@code SUBSCRIBE}/{@code UNSUBSCRIBE} for the pipe the last one
 * came from; when a subscriber leaves, a cancellation for each of its topics no other
 * subscriber holds (all of its topics with VERBOSER or MANUAL); and any other message a
 * subscriber sends (XSUB may send data upstream). Only a message's first frame can be a
 * subscription; other frames of a subscription message are dropped. PUB keeps none of it.
 *
 * <p>{@link io.gannet.Socket#droppedMessages()} counts, once per message and subscriber: a
 * message that would reach a subscriber at its high-water mark (or known to be full since an
 * earlier refusal), a message a subscriber was getting when it left, and a welcome message
 * the new subscriber's pipe refused. A message no subscription matches is not counted: nobody
 * asked for it. With {@code XPUB_NODROP} a full subscriber makes send wait (or return false)
 * instead, so nothing is dropped. PUB also counts each data message a subscriber sent
 * upstream, which it discards; subscriptions and cancellations are never counted, not even
 * those that change nothing.
 *
 * <p>Owned by the socket's thread.
 */
public class XPub implements SocketProtocol {
    private static final byte[] EVERYTHING = {};
    private final SocketHost host;
    private final boolean isXpub;
    private final Distributor out;
    private final PipeTrie subscriptions = new PipeTrie();
    private final PipeTrie manualSubscriptions = new PipeTrie();
    private final PendingMessages pending = new PendingMessages();
    private final Msg in = new Msg();
    private final PipeVisitor markMatching;
    private final TopicVisitor queueCancel = this::queueCancel;

    private boolean verboseSubs;
    private boolean verboseUnsubs;
    private boolean manual;
    private boolean lossy = true;
    private boolean invert;
    private boolean moreSend;
    private Pipe lastPipe;

    public XPub(SocketHost host) {
        this(host, true);
    }

    XPub(SocketHost host, boolean isXpub) {
        this.host = host;
        this.isXpub = isXpub;
        this.out = new Distributor(host::countDropped);
        this.markMatching = out::match;
        readOptions();
    }

    @Override
    public void attach(Pipe pipe) {
        out.attach(pipe);
        if (pipe.subscribedToAll()) {
            // A multicast or datagram endpoint hears no subscriptions; its receivers filter.
            // As libzmq, it gets everything and the application is told of no subscription.
            subscriptions.add(EVERYTHING, pipe);
        }
        byte[] welcome = isXpub ? host.option(SocketOption.XPUB_WELCOME_MSG) : null;
        if (welcome != null && welcome.length > 0) {
            Msg w = Msg.wrap(host.alloc().buffer(welcome.length).writeBytes(welcome));
            if (!pipe.write(w)) {
                w.close();
                host.countDropped(1);
            }
            pipe.flush();
        }
        readActivated(pipe); // subscriptions sent before the pipe reached us
    }

    @Override
    public void terminated(Pipe pipe) {
        TopicVisitor report = isXpub ? queueCancel : null;
        if (manual) {
            manualSubscriptions.removePipe(pipe, report, false);
            subscriptions.removePipe(pipe, null, false);
        } else {
            subscriptions.removePipe(pipe, report, !verboseUnsubs);
        }
        if (lastPipe == pipe) {
            lastPipe = null;
        }
        out.terminated(pipe);
    }

    @Override
    public void readActivated(Pipe pipe) {
        boolean first = true;
        boolean keep = false;
        while (pipe.read(in)) {
            boolean more = in.hasMore();
            if (first) {
                boolean data = !subscription(pipe);
                keep = data && isXpub;
                if (data && !isXpub) {
                    host.countDropped(1); // PUB has no application side for a subscriber's data
                }
            }
            if (keep) {
                pending.add(in.take(), more, false, null);
            }
            first = !more;
        }
        in.close();
    }

    /** Applies the frame in {@link #in} if it is a subscription; true if it was one. */
    private boolean subscription(Pipe pipe) {
        ByteBuf d = in.data();
        int size = d.readableBytes();
        int kind = size > 0 ? d.getByte(d.readerIndex()) : -1;
        if (kind != 0 && kind != 1) {
            return false;
        }
        int offset = d.readerIndex() + 1;
        boolean subscribe = kind == 1;
        boolean notify;
        if (manual) {
            if (subscribe) {
                manualSubscriptions.add(d, offset, size - 1, pipe);
            } else {
                manualSubscriptions.remove(d, offset, size - 1, pipe);
            }
            notify = true;
        } else if (subscribe) {
            notify = subscriptions.add(d, offset, size - 1, pipe) || verboseSubs;
        } else {
            notify = subscriptions.remove(d, offset, size - 1, pipe) != PipeTrie.Removal.REMAINS || verboseUnsubs;
        }
        if (notify && isXpub) {
            pending.add(in.take(), false, true, pipe);
        }
        return true;
    }

    private void queueCancel(byte[] topic, int length) {
        ByteBuf b = host.alloc().buffer(length + 1).writeByte(0).writeBytes(topic, 0, length);
        pending.add(b, false, true, null);
    }

    @Override
    public void writeActivated(Pipe pipe) {
        out.activated(pipe);
    }

    @Override
    public boolean send(Msg msg) {
        boolean msgMore = msg.hasMore();
        if (!moreSend) {
            out.unmatch(); // a send refused with XPUB_NODROP left marks behind
            subscriptions.match(msg.data(), markMatching);
            if (invert) {
                out.reverseMatch();
            }
        }
        if (!lossy && !out.checkHwm()) {
            return false;
        }
        out.sendToMatching(msg);
        if (!msgMore) {
            out.unmatch();
        }
        moreSend = msgMore;
        return true;
    }

    @Override
    public boolean recv(Msg msg) {
        if (!isXpub) {
            throw Unsupported.cannotReceive(SocketType.PUB);
        }
        if (pending.isEmpty()) {
            return false;
        }
        if (manual && pending.headIsSubscription()) {
            Pipe p = pending.headPipe();
            lastPipe = p != null && out.hasPipe(p) ? p : null;
        }
        pending.pollInto(msg);
        return true;
    }

    @Override
    public boolean hasIn() {
        return isXpub && !pending.isEmpty();
    }

    @Override
    public boolean hasOut() {
        return true;
    }

    @Override
    public void optionChanged(SocketOption<?> option, Object value) {
        if (option == SocketOption.SUBSCRIBE || option == SocketOption.UNSUBSCRIBE) {
            if (!manual) {
                throw new GannetException(ErrorCode.EINVAL, option.name() + " on an XPUB socket needs XPUB_MANUAL");
            }
            if (lastPipe != null) {
                byte[] topic = (byte[]) value;
                if (option == SocketOption.SUBSCRIBE) {
                    subscriptions.add(topic, lastPipe);
                } else {
                    subscriptions.remove(topic, lastPipe);
                }
            }
            return;
        }
        readOptions();
    }

    private void readOptions() {
        boolean verboser = host.option(SocketOption.XPUB_VERBOSER);
        verboseSubs = verboser || host.option(SocketOption.XPUB_VERBOSE);
        verboseUnsubs = verboser;
        manual = host.option(SocketOption.XPUB_MANUAL);
        lossy = !host.option(SocketOption.XPUB_NODROP);
        invert = host.option(SocketOption.INVERT_MATCHING);
    }

    @Override
    public void close() {
        pending.clear();
        in.close();
    }
}
