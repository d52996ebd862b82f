package io.gannet.internal.engine;

import java.io.Closeable;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Closing channels on paths that are already failing or ending, where a second error has nowhere to go. */
final class Channels {
    private static final Logger LOG = LoggerFactory.getLogger(Channels.class);

    private Channels() {
    }

    /** Closes {@code c} (null is allowed), logging a failure at debug level only. */
    static void closeQuietly(Closeable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (IOException e) {
            LOG.debug("close failed", e);
        }
    }
}
