package io.gannet.patterns.reqrep;

import io.gannet.ErrorCode;
import io.gannet.GannetException;
import io.gannet.Msg;
import io.gannet.SocketOption;
import io.gannet.patterns.common.FairQueue;
import io.gannet.patterns.common.Probe;
import io.gannet.patterns.common.RoutingTable;
import io.gannet.spi.Pipe;
import io.gannet.spi.SocketHost;
import io.gannet.spi.SocketProtocol;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;

/**
 * ROUTER (RFC 28): explicit addressing. Each peer is known by a routing id: the one it
 * announced ({@code ROUTING_ID}), or one made up here. Received messages are prefixed with a
 * frame holding the sender's id; the first frame of a sent message names the peer it goes to
 * and the rest follows it there.
 *
 * <p>Sending never blocks by default: a message for an unknown peer, or for a peer whose queue
 * is full, is dropped whole. With {@code ROUTER_MANDATORY} the first case fails with
 * {@code EHOSTUNREACH} and the second returns false (would block), as libzmq 4.3 does. A
 * message of a single frame (an id with nothing after it) is dropped. So is the rest of a
 * message whose peer leaves (or is handed over) after its first frame was sent.
 * {@link io.gannet.Socket#droppedMessages()} counts each of these drops once per message.
 *
 * <p>A peer announcing an id already in use is ignored (its messages are not read and it
 * cannot be addressed) until the id is free, when it is identified again on its next message,
 * as in libzmq 4.3; with {@code ROUTER_HANDOVER} the older connection is closed and the new
 * one takes the id. Messages queued for a peer that has gone are dropped with its pipe; those
 * that had already arrived from it are still delivered (libzmq 4.3; RFC 28 would discard them,
 * which loses the last message of a peer that sends and exits).
 *
 * <p>{@code CONNECT_ROUTING_ID} reaches here as the peer's announced id (the session puts it
 * there), so it follows the same rules. {@code ROUTER_NOTIFY}'s [id, empty] notices are
 * written into the pipe by the session and arrive as ordinary messages.
 *
 * <p>Owned by the socket's thread.
 */
public final class Router implements SocketProtocol {
    private final SocketHost host;
    private final FairQueue in = new FairQueue();
    private final RoutingTable table = new RoutingTable();
    /** Peers whose announced id was taken when they came; not in the fair queue. */
    private final ArrayList<Pipe> unidentified = new ArrayList<>(0);

    /** The first frame of the message being received, held while its id frame is delivered. */
    private final Msg prefetched = new Msg();
    private boolean hasPrefetched;
    /** Inside a received message: its next frame comes from the fair queue. */
    private boolean moreIn;

    /** Inside a sent message: the id frame was taken, more frames follow. */
    private boolean moreOut;
    /** Where the current sent message goes; null while it is being dropped. */
    private Pipe currentOut;

    public Router(SocketHost host) {
        this.host = host;
    }

    @Override
    public void attach(Pipe pipe) {
        if (host.option(SocketOption.PROBE_ROUTER)) {
            Probe.send(pipe);
        }
        if (identify(pipe)) {
            in.attach(pipe);
        } else {
            unidentified.add(pipe);
        }
    }

    /** Gives {@code pipe} its routing id; false when the id it announced is taken. */
    private boolean identify(Pipe pipe) {
        byte[] id = pipe.peerRoutingId();
        if (id == null || id.length == 0) {
            id = host.newRoutingId();
        } else {
            Pipe holder = table.get(id);
            if (holder != null) {
                if (!host.option(SocketOption.ROUTER_HANDOVER)) {
                    return false;
                }
                // The new connection takes the id; the old one is closed (terminated() follows).
                table.remove(id, holder);
                holder.routingId(host.newRoutingId());
                if (holder == currentOut) {
                    currentOut = null;
                    host.countDropped(1); // the message being sent went with the old connection
                }
                holder.terminate();
            }
        }
        pipe.routingId(id);
        table.put(id, pipe);
        return true;
    }

    @Override
    public void terminated(Pipe pipe) {
        if (unidentified.remove(pipe)) {
            return;
        }
        if (moreIn && in.lastIn() == pipe) {
            moreIn = false; // cut off mid-message (a linger-0 close): the next frame starts a message
        }
        in.terminated(pipe);
        byte[] id = pipe.routingId();
        if (id != null) {
            table.remove(id, pipe);
        }
        if (pipe == currentOut) {
            currentOut = null; // the rest of the message is dropped
            host.countDropped(1);
        }
        for (int i = unidentified.size() - 1; i >= 0; i--) {
            // The id may be free now for a peer that was ignored because of it.
            Pipe waiting = unidentified.get(i);
            if (identify(waiting)) {
                unidentified.remove(i);
                in.attach(waiting);
            }
        }
    }

    @Override
    public void readActivated(Pipe pipe) {
        if (pipe.routingId() != null) {
            in.activated(pipe);
        } else if (identify(pipe)) {
            // A peer ignored for a taken id speaks again: it may have the id now.
            unidentified.remove(pipe);
            in.attach(pipe);
        }
    }

    @Override
    public void writeActivated(Pipe pipe) {
        // Nothing to do: sends check the pipe's room each time; waiting senders are woken by the socket.
    }

    @Override
    public boolean send(Msg msg) {
        if (moreOut) {
            boolean more = msg.hasMore();
            if (currentOut != null && !currentOut.write(msg)) {
                currentOut.rollback(); // the peer left mid-message
                currentOut = null;
                host.countDropped(1);
            }
            if (currentOut == null) {
                msg.close();
            } else if (!more) {
                currentOut.flush();
                currentOut = null;
            }
            moreOut = more;
            return true;
        }
        return route(msg);
    }

    /** Takes the id frame of a new message and chooses its pipe. */
    private boolean route(Msg id) {
        if (!id.hasMore()) {
            id.close(); // an id with no message behind it
            host.countDropped(1);
            return true;
        }
        Pipe p = table.get(id.data());
        boolean mandatory = host.option(SocketOption.ROUTER_MANDATORY);
        if (p == null) {
            if (mandatory) {
                throw new GannetException(ErrorCode.EHOSTUNREACH, "ROUTER has no peer with routing id "
                        + hex(id.data()) + " (ROUTER_MANDATORY is set)");
            }
        } else if (!p.checkWrite()) {
            if (mandatory) {
                return false; // would block until the peer's queue has room
            }
            p = null; // full: drop the message
        }
        if (p == null) {
            host.countDropped(1); // unknown or full peer: the whole message is dropped
        }
        currentOut = p;
        moreOut = true;
        id.close();
        return true;
    }

    private static String hex(ByteBuf b) {
        StringBuilder sb = new StringBuilder("0x");
        for (int i = b.readerIndex(), n = Math.min(b.writerIndex(), i + 32); i < n; i++) {
            sb.append(String.format("%02x", b.getByte(i)));
        }
        return sb.toString();
    }

    @Override
    public boolean recv(Msg msg) {
        if (hasPrefetched) {
            boolean more = prefetched.hasMore();
            msg.move(prefetched); // with its connection properties
            hasPrefetched = false;
            moreIn = more;
            return true;
        }
        if (moreIn) {
            if (!in.recv(msg)) {
                return false;
            }
            moreIn = msg.hasMore();
            return true;
        }
        if (!in.recv(prefetched)) {
            return false;
        }
        byte[] id = in.lastIn().routingId();
        msg.set(host.alloc().buffer(id.length).writeBytes(id), true);
        hasPrefetched = true;
        return true;
    }

    @Override
    public boolean hasIn() {
        return hasPrefetched || moreIn || in.hasIn();
    }

    @Override
    public boolean hasOut() {
        return true;
    }

    @Override
    public void close() {
        prefetched.close();
    }
}
