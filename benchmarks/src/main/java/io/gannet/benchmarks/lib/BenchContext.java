package io.gannet.benchmarks.lib;

/**
 * A library's context, as the benchmarks see it.
 *
 * <p>{@link #close()} has {@code zmq_ctx_term} semantics in both libraries: calls blocked in
 * other threads end with an exception, which is how benchmark teardown stops its
 * background senders, echo servers and subscribers.
 */
public interface BenchContext extends AutoCloseable {
    /** A new socket of {@code kind} with linger set to zero. */
    BenchSocket socket(Kind kind);

    /** The library's name as shown in results ({@code gannet}, {@code jeromq}). */
    String library();

    /** Terminates the context; see the class doc. */
    @Override
    void close();
}
