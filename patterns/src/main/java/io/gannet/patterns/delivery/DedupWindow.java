package io.gannet.patterns.delivery;

import java.util.HashSet;
import java.util.Set;

/** The ids of the last N messages a consumer acknowledged, oldest forgotten first. Owned by the consumer loop. */
final class DedupWindow {
    private final String[] ring;
    private final Set<String> ids;
    private int next;

    DedupWindow(int size) {
        this.ring = new String[size];
        this.ids = new HashSet<>(Math.max(16, size * 2));
    }

    void add(String id) {
        if (ring.length == 0 || !ids.add(id)) {
            return;
        }
        String evicted = ring[next];
        if (evicted != null) {
            ids.remove(evicted);
        }
        ring[next] = id;
        next = (next + 1) % ring.length;
    }

    boolean contains(String id) {
        return ring.length > 0 && ids.contains(id);
    }
}
