package io.gannet.patterns.pubsub;

import io.gannet.Msg;
import io.gannet.spi.Pipe;
import io.netty.buffer.ByteBuf;

/**
 * XPUB's queue of frames waiting for its application: subscription notifications and
 * messages subscribers sent upstream. A ring of parallel arrays, so queueing allocates
 * nothing once it has grown. Owned by the socket's thread; holds one reference per frame.
 */
final class PendingMessages {
    private ByteBuf[] data = new ByteBuf[16];
    private boolean[] more = new boolean[16];
    private boolean[] subscription = new boolean[16];
    private Pipe[] pipe = new Pipe[16];
    private int head;
    private int size;

    /** Queues a frame (taking the reference); {@code from} is kept for subscriptions (XPUB_MANUAL). */
    void add(ByteBuf frame, boolean hasMore, boolean isSubscription, Pipe from) {
        if (size == data.length) {
            grow();
        }
        int i = (head + size) & (data.length - 1);
        data[i] = frame;
        more[i] = hasMore;
        subscription[i] = isSubscription;
        pipe[i] = from;
        size++;
    }

    boolean isEmpty() {
        return size == 0;
    }

    boolean headIsSubscription() {
        return subscription[head];
    }

    /** The pipe the head subscription came from; null for an unsubscription of a pipe that left. */
    Pipe headPipe() {
        return pipe[head];
    }

    /** Moves the head frame into {@code into}. */
    void pollInto(Msg into) {
        into.set(data[head], more[head]);
        data[head] = null;
        pipe[head] = null;
        head = (head + 1) & (data.length - 1);
        size--;
    }

    /** Releases everything queued. */
    void clear() {
        while (size > 0) {
            data[head].release();
            data[head] = null;
            pipe[head] = null;
            head = (head + 1) & (data.length - 1);
            size--;
        }
    }

    private void grow() {
        int n = data.length;
        ByteBuf[] d = new ByteBuf[n * 2];
        boolean[] m = new boolean[n * 2];
        boolean[] s = new boolean[n * 2];
        Pipe[] p = new Pipe[n * 2];
        for (int k = 0; k < size; k++) {
            int i = (head + k) & (n - 1);
            d[k] = data[i];
            m[k] = more[i];
            s[k] = subscription[i];
            p[k] = pipe[i];
        }
        data = d;
        more = m;
        subscription = s;
        pipe = p;
        head = 0;
    }
}
