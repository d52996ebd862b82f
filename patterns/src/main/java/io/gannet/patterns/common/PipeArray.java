package io.gannet.patterns.common;

import io.gannet.spi.Pipe;

/**
 * An array of pipes where each pipe knows its own position (in slot {@link #slot}), so
 * removing and swapping are O(1). Building blocks keep their active pipes in a prefix of it.
 * Owned by the socket's thread.
 */
public final class PipeArray {
    private final int slot;
    private Pipe[] items = new Pipe[4];
    private int size;

    /** @param slot which of the pipe's index slots this array uses (distinct per building block) */
    public PipeArray(int slot) {
        this.slot = slot;
    }

    public int size() {
        return size;
    }

    public Pipe get(int i) {
        return items[i];
    }

    /** The pipe's position here, or -1. */
    public int indexOf(Pipe p) {
        return p.index(slot);
    }

    public boolean contains(Pipe p) {
        int i = p.index(slot);
        return i >= 0 && i < size && items[i] == p;
    }

    public void add(Pipe p) {
        if (size == items.length) {
            Pipe[] bigger = new Pipe[size * 2];
            System.arraycopy(items, 0, bigger, 0, size);
            items = bigger;
        }
        items[size] = p;
        p.index(slot, size);
        size++;
    }

    public void remove(Pipe p) {
        int i = p.index(slot);
        swap(i, size - 1);
        items[--size] = null;
        p.index(slot, -1);
    }

    public void swap(int i, int j) {
        if (i == j) {
            return;
        }
        Pipe a = items[i];
        Pipe b = items[j];
        items[i] = b;
        items[j] = a;
        b.index(slot, i);
        a.index(slot, j);
    }
}
