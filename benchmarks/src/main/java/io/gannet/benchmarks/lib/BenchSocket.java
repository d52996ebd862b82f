package io.gannet.benchmarks.lib;

/**
 * The few socket operations the benchmarks need, implemented once per library so that
 * Gannet and JeroMQ are driven by exactly the same benchmark code.
 *
 * <p>Each implementation uses its library's cheapest public path (Gannet: pooled
 * {@code ByteBuf} sends and a reused {@code Msg} for receives; JeroMQ: {@code byte[]}).
 * A JMH fork runs one library only, so calls through this interface are monomorphic and the
 * JIT inlines them.
 *
 * <p>Owned by one thread at a time, like the socket it wraps. Calls that block are ended
 * by {@link BenchContext#close()} with an unchecked exception of the library.
 */
public interface BenchSocket extends AutoCloseable {
    /** Sets send and receive high-water marks (messages); call before bind or connect. */
    void hwm(int messages);

    /** Sets LINGER in milliseconds (-1: deliver everything before close); sockets start at 0. */
    void linger(int millis);

    /**
     * Makes the socket a CURVE server ({@code asServer}) or client with {@link CurveKeys};
     * call before bind or connect.
     */
    void curve(boolean asServer);

    /** Binds to {@code endpoint} as given (the perf tools take it from the command line). */
    void bind(String endpoint);

    /**
     * Binds to a fresh endpoint of {@code transport} ({@code inproc}, {@code ipc} or
     * {@code tcp}) on loopback and returns the endpoint peers should connect to.
     */
    String bindEphemeral(Transport transport);

    /** Connects to an endpoint returned by {@link #bindEphemeral}. */
    void connect(String endpoint);

    /** SUB only: subscribes to every message. */
    void subscribeAll();

    /**
     * Sends {@code payload} as one single-frame message, blocking while the HWM is reached.
     * The array must not change once sent: like JeroMQ, an implementation may send it
     * without copying, and may reuse what it built for the same array on the next send.
     */
    void send(byte[] payload);

    /** Receives one single-frame message, blocking; returns its size in bytes. */
    int recv();

    /** Receives one message and sends it straight back (REP side); returns its size. */
    int echo();

    /** Closes the socket; linger is zero, so queued messages are dropped. */
    @Override
    void close();
}
