package io.gannet.spi;

import java.nio.channels.DatagramChannel;
import java.util.List;

/**
 * A transport's own stateful protocol over datagrams (such as PGM for {@code epgm://}),
 * driven by one of core's I/O threads: core registers the session's channels with that
 * thread's selector, runs its timer, connects it to the socket through one pipe
 * ({@link DatagramHost}) and closes it with LINGER. The session does the rest: what it reads
 * and sends, framing, repair, rate limits. No thread of its own, no blocking.
 *
 * <p>Made by {@link DatagramTransport#session} on the socket's thread (channels opened,
 * options applied, errors thrown there); every method below is then called on the I/O thread
 * only, in this order: {@link #start}, any of the callbacks, {@link #close} once. After each
 * callback core asks {@link #nextDeadline()} and moves the session's timer there.
 *
 * <pre>
 *   socket ──pipe──► pipeReadable ─┐                      ┌─► readable(i) ◄── channel i
 *   socket ◄─pipe─── write         ├── DatagramSession ───┤    writable(i) ◄── (after awaitWritable)
 *   (RCVHWM room) ─► pipeWritable ─┘     timer(now) ◄─────┘    nextDeadline()
 * </pre>
 *
 * <p>Closing: when the endpoint goes (unbind, disconnect, socket close) core keeps serving
 * the session until the socket's queue is empty and {@link #unsentMessages()} is 0, or until
 * LINGER runs out; then what is left is counted as dropped and {@link #close} is called.
 */
public interface DatagramSession {
    /** The non-blocking channels core registers for reading, fixed for the session's life. */
    List<DatagramChannel> channels();

    /** The session starts; {@code host} is core's side of it, valid until {@link #close}. */
    void start(DatagramHost host, long nowNanos);

    /** Channel {@code index} of {@link #channels()} has datagrams to read. */
    void readable(int index, long nowNanos);

    /** Channel {@code index} can take a datagram again ({@link DatagramHost#awaitWritable}). */
    void writable(int index, long nowNanos);

    /** {@link DatagramRole#SEND}: the socket queued messages; read them with {@link DatagramHost#read}. */
    void pipeReadable(long nowNanos);

    /** {@link DatagramRole#RECEIVE}: the socket's queue has room again after a refused write. */
    void pipeWritable(long nowNanos);

    /** The time {@link #nextDeadline()} named has come (or passed). */
    void timer(long nowNanos);

    /** When ({@link System#nanoTime()}) the session wants {@link #timer} next; {@link Long#MAX_VALUE} for never. */
    long nextDeadline();

    /**
     * Messages the session took from the socket and has not finished sending, for LINGER and
     * the drop count at close. 0 for a receiving session.
     */
    long unsentMessages();

    /** Closes the channels and releases what the session holds. Called once, last; must not throw. */
    void close();
}
