package io.gannet.patterns.common;

import io.gannet.spi.Pipe;

/** Receives the pipes a message matches; one reusable instance per socket, so matching allocates nothing. */
@FunctionalInterface
public interface PipeVisitor {
    void visit(Pipe pipe);
}
