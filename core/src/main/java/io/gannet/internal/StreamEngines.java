package io.gannet.internal;

import io.gannet.internal.engine.IoThreads;

/** Starts the stream engine (I/O threads) of a context. */
final class StreamEngines {
    private StreamEngines() {
    }

    static StreamEndpoints create(ContextCore context) {
        return new IoThreads(context);
    }
}
