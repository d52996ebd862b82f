package io.gannet.internal;

import io.gannet.ErrorCode;
import io.gannet.GannetException;

/** Starts the stream engine (I/O threads) of a context. */
final class StreamEngines {
    private StreamEngines() {
    }

    static StreamEndpoints create(ContextCore context) {
        throw new GannetException(ErrorCode.EPROTONOSUPPORT, "the ZMTP stream engine is not part of this build");
    }
}
