package io.gannet.internal.engine;

import io.gannet.internal.Mailbox;
import io.gannet.internal.zmtp.LargeBodyPool;
import io.gannet.internal.zmtp.SmallBodyPool;

/**
 * What an {@link Engine} uses of the I/O thread it runs on: the buffers it lends, its
 * timers and its clock. {@link IoThread} in production; a test gives an engine a manual
 * clock and runs its timers by hand. Called on the owning thread only.
 */
interface IoServices {
    /** The read buffer and output batches lent to the thread's engines. */
    IoBuffers buffers();

    /** The small-body buffer pool shared by the thread's decoders. */
    SmallBodyPool smallBodies();

    /** The large-body buffer pool shared by the thread's decoders. */
    LargeBodyPool largeBodies();

    /** Schedules (or moves) {@code timer} to fire {@code delayMs} from now. */
    void schedule(IoTimer timer, long delayMs);

    /** Unschedules {@code timer}; harmless when it is not scheduled. */
    void cancel(IoTimer timer);

    /** The thread's mailbox: the owner of pipes an engine opens itself (to the ZAP handler). */
    Mailbox mailbox();

    /** The thread's clock, in nanoseconds ({@link System#nanoTime()} in production). */
    long nanoTime();
}
