package io.gannet.patterns.reliability;

import java.util.List;

/**
 * What a worker or server does with one request: takes its frames and returns the reply's
 * frames (at least one). It runs on the worker's thread, one request at a time; an exception
 * it throws stops the worker (see the worker's {@code failure()}), as a crash would.
 */
@FunctionalInterface
public interface RequestHandler {
    /** Handles {@code request} and returns the reply. */
    List<byte[]> handle(List<byte[]> request);
}
