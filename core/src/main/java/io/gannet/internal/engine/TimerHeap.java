package io.gannet.internal.engine;

import java.util.Arrays;

/**
 * A binary min-heap of {@link IoTimer}s by deadline. Each timer knows its index, so
 * cancelling or rescheduling is O(log n) with no search and no allocation once the array has
 * grown. Owned by one I/O thread.
 */
final class TimerHeap {
    private IoTimer[] heap = new IoTimer[16];
    private int size;

    void schedule(IoTimer t, long deadline) {
        if (t.isScheduled()) {
            t.deadline = deadline;
            int i = t.heapIndex;
            siftUp(i);
            siftDown(t.heapIndex);
            return;
        }
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        t.deadline = deadline;
        heap[size] = t;
        t.heapIndex = size;
        size++;
        siftUp(size - 1);
    }

    void cancel(IoTimer t) {
        int i = t.heapIndex;
        if (i < 0) {
            return;
        }
        size--;
        IoTimer last = heap[size];
        heap[size] = null;
        t.heapIndex = -1;
        if (i < size) {
            heap[i] = last;
            last.heapIndex = i;
            siftUp(i);
            siftDown(last.heapIndex);
        }
    }

    /** The earliest timer, or null. */
    IoTimer peek() {
        return size == 0 ? null : heap[0];
    }

    private void siftUp(int i) {
        IoTimer t = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            IoTimer p = heap[parent];
            if (p.deadline - t.deadline <= 0) {
                break;
            }
            heap[i] = p;
            p.heapIndex = i;
            i = parent;
        }
        heap[i] = t;
        t.heapIndex = i;
    }

    private void siftDown(int i) {
        IoTimer t = heap[i];
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < size && heap[right].deadline - heap[child].deadline < 0) {
                child = right;
            }
            IoTimer c = heap[child];
            if (t.deadline - c.deadline <= 0) {
                break;
            }
            heap[i] = c;
            c.heapIndex = i;
            i = child;
        }
        heap[i] = t;
        t.heapIndex = i;
    }
}
