package io.gannet.internal;

/**
 * The commands threads send each other through a {@link Mailbox}: the only way one thread
 * affects another's sockets or sessions. Activations are allocated once per pipe end and
 * reused, so the data path never allocates a command.
 */
public sealed interface Command {
    /** A command about one pipe end, run by that end's owner with {@link PipeEnd#dispatch}. */
    sealed interface ForPipe extends Command {
        PipeEnd end();
    }

    /** The pipe end has messages to read again (its reader had gone to sleep). */
    record ReadActivated(PipeEnd end) implements ForPipe { }

    /** The pipe end has room to write again (its writer had hit the high-water mark). */
    record WriteActivated(PipeEnd end) implements ForPipe { }

    /** The other end of the pipe was closed; finish reading what it left, then let go. */
    record PeerClosed(PipeEnd end) implements ForPipe { }

    /** The pipe end has read its peer's delimiter; finish its termination. */
    record Finish(PipeEnd end) implements ForPipe { }

    /** The connection behind the pipe end was made again (see SocketProtocol#hiccuped). */
    record Hiccup(PipeEnd end) implements ForPipe { }

    /** A new pipe end for the receiving socket or session to attach. */
    record Attach(PipeEnd end) implements Command { }

    /** Work for an I/O thread or socket that fits no other command (cold paths only). */
    record Run(Runnable task) implements Command { }
}
