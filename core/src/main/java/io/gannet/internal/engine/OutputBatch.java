package io.gannet.internal.engine;

import io.gannet.internal.zmtp.FrameEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.util.Arrays;

/**
 * The frames an engine sends in one gathering {@code write(ByteBuffer[])}: frame headers
 * and small payloads are copied into one staging buffer, large payloads are sent from their
 * own memory without a copy.
 *
 * <pre>
 *  staging:  [hdr][small][hdr][small][hdr]         [hdr]
 *  segments: |------ view 0 ------|  payload A  |view 1| payload B ...
 * </pre>
 *
 * Views over the staging memory are made once ({@code duplicate()}), and large payloads are
 * seen through {@link PayloadViews}, so filling and writing a batch allocates nothing for a
 * payload the batch owns alone or a constant one sent repeatedly (other shared payloads
 * cost one small view object per frame). Partial writes are kept: the next
 * {@link #writeTo} continues where the socket stopped. Lent to one engine at a time by its
 * I/O thread's {@link IoBuffers}, from the first frame until the batch is written out.
 */
final class OutputBatch {
    /** Payloads below this many bytes are copied next to their header. */
    static final int COPY_LIMIT = 2048;
    private static final int STAGING_SIZE = 64 * 1024;
    /** Staging views; a batch ends before it would need more, so at most this many large payloads. */
    static final int VIEWS = 64;
    /** Stop filling once this much is queued: one write syscall's worth. */
    private static final long BATCH_BYTES = 512 * 1024;

    private final ByteBuf staging;
    private final ByteBuffer[] views = new ByteBuffer[VIEWS];
    private int viewsUsed;
    private int segmentStart;

    private ByteBuffer[] segments = new ByteBuffer[VIEWS * 2];
    private int segmentCount;
    private int firstUnwritten;
    private long queuedBytes;

    /** Batches of at least this many bytes start with a write of {@value #LEAD_IN} bytes. */
    private static final int LEAD_IN_THRESHOLD = 32 * 1024;
    private static final int LEAD_IN = 8 * 1024;
    /** Whether {@link #writeTo} has written (or tried to write) part of this batch. */
    private boolean started;

    /**
     * Where each message of the batch ends, in bytes from the batch's start, and how many bytes
     * the channel has taken: what lets {@link #unsentMessages()} count the messages a closing
     * engine drops. Grows to the largest batch seen, then stays.
     */
    private long[] messageEnds = new long[64];
    private int messageCount;
    private long writtenBytes;

    private ByteBuf[] held = new ByteBuf[VIEWS];
    private int heldCount;
    private final PayloadViews payloadViews = new PayloadViews();

    OutputBatch(ByteBufAllocator alloc) {
        staging = alloc.directBuffer(STAGING_SIZE, STAGING_SIZE);
        ByteBuffer whole = staging.nioBuffer(0, STAGING_SIZE);
        for (int i = 0; i < VIEWS; i++) {
            views[i] = whole.duplicate();
        }
    }

    /** Whether nothing is waiting to be written. */
    boolean isEmpty() {
        return segmentCount == firstUnwritten && staging.writerIndex() == segmentStart;
    }

    /** Whether another frame (of any size) may be added to this batch. */
    boolean hasRoom() {
        return queuedBytes < BATCH_BYTES && staging.writableBytes() >= FrameEncoder.headerSize(Long.MAX_VALUE) + COPY_LIMIT
                && viewsUsed < VIEWS - 1;
    }

    /** Adds raw bytes (the greeting), copying them; does not release {@code bytes}. */
    void addRaw(ByteBuf bytes) {
        queuedBytes += bytes.readableBytes();
        staging.writeBytes(bytes, bytes.readerIndex(), bytes.readableBytes());
    }

    /** Adds one frame, taking ownership of {@code body}. Check {@link #hasRoom()} first. */
    void addFrame(ByteBuf body, boolean more, boolean command) {
        int size = body.readableBytes();
        FrameEncoder.writeHeader(staging, size, more, command);
        queuedBytes += FrameEncoder.headerSize(size);
        addPayload(body);
    }

    /**
     * Adds bytes with no frame header (a raw STREAM connection), taking ownership of
     * {@code body}: copied when small, sent from its own memory otherwise. Check
     * {@link #hasRoom()} first.
     */
    void addPayload(ByteBuf body) {
        int size = body.readableBytes();
        queuedBytes += size;
        if (size < COPY_LIMIT) {
            staging.writeBytes(body, body.readerIndex(), size);
            body.release();
            return;
        }
        closeStagingSegment();
        int n = body.nioBufferCount();
        if (n == 1) {
            addSegment(payloadViews.view(body));
        } else {
            ByteBuffer[] parts = body.nioBuffers();
            for (ByteBuffer p : parts) {
                addSegment(p);
            }
        }
        if (heldCount == held.length) {
            held = Arrays.copyOf(held, heldCount * 2);
        }
        held[heldCount++] = body;
    }

    /** The frame just added ended a message (for {@link #unsentMessages()}). */
    void messageEnded() {
        if (messageCount == messageEnds.length) {
            messageEnds = Arrays.copyOf(messageEnds, messageCount * 2);
        }
        messageEnds[messageCount++] = queuedBytes;
    }

    /**
     * How many messages of this batch the channel has not taken whole: what is lost if the
     * batch is dropped now. Bytes already in the operating system's socket buffer are not
     * counted; the system still sends them after the channel closes.
     */
    int unsentMessages() {
        int sent = 0;
        while (sent < messageCount && messageEnds[sent] <= writtenBytes) {
            sent++;
        }
        return messageCount - sent;
    }

    private void closeStagingSegment() {
        int end = staging.writerIndex();
        if (end == segmentStart) {
            return;
        }
        ByteBuffer v = views[viewsUsed++];
        v.limit(end).position(segmentStart);
        addSegment(v);
        segmentStart = end;
    }

    private void addSegment(ByteBuffer b) {
        if (segmentCount == segments.length) {
            segments = Arrays.copyOf(segments, segmentCount * 2);
        }
        segments[segmentCount++] = b;
    }

    /**
     * Writes as much as the channel takes. Returns true when the whole batch is written (and
     * the batch is reset for reuse), false when the socket's buffer is full.
     */
    boolean writeTo(GatheringByteChannel channel) throws IOException {
        closeStagingSegment();
        if (!started) {
            started = true;
            if (queuedBytes >= LEAD_IN_THRESHOLD && !writeLeadIn(channel)) {
                return false;
            }
        }
        while (firstUnwritten < segmentCount) {
            long n = channel.write(segments, firstUnwritten, segmentCount - firstUnwritten);
            writtenBytes += n;
            while (firstUnwritten < segmentCount && !segments[firstUnwritten].hasRemaining()) {
                segments[firstUnwritten++] = null;
            }
            if (n == 0 && firstUnwritten < segmentCount) {
                return false;
            }
        }
        reset();
        return true;
    }

    /**
     * Writes only the first {@value #LEAD_IN} bytes of a large batch: the peer can wake up
     * and start reading while the rest is copied into the socket, instead of waiting for
     * the whole batch (libzmq's 8 KB output batches have the same effect). Returns false
     * if the socket took nothing.
     */
    private boolean writeLeadIn(GatheringByteChannel channel) throws IOException {
        long before = 0;
        int last = firstUnwritten;
        while (last < segmentCount && before + segments[last].remaining() < LEAD_IN) {
            before += segments[last++].remaining();
        }
        if (last == segmentCount) {
            return true;
        }
        ByteBuffer cut = segments[last];
        int limit = cut.limit();
        cut.limit(cut.position() + (int) (LEAD_IN - before));
        long n;
        try {
            n = channel.write(segments, firstUnwritten, last + 1 - firstUnwritten);
        } finally {
            cut.limit(limit);
        }
        writtenBytes += n;
        while (firstUnwritten < segmentCount && !segments[firstUnwritten].hasRemaining()) {
            segments[firstUnwritten++] = null;
        }
        return n > 0;
    }

    private void reset() {
        started = false;
        for (int i = 0; i < heldCount; i++) {
            held[i].release();
            held[i] = null;
        }
        heldCount = 0;
        messageCount = 0;
        writtenBytes = 0;
        payloadViews.batchWritten();
        for (int i = 0; i < segmentCount; i++) {
            segments[i] = null;
        }
        segmentCount = 0;
        firstUnwritten = 0;
        viewsUsed = 0;
        segmentStart = 0;
        queuedBytes = 0;
        staging.clear();
    }

    /** Drops whatever is queued (releasing the payloads held), leaving the batch empty and reusable. */
    void discard() {
        reset();
    }

    /** Drops whatever is queued and releases every buffer; the batch is unusable afterwards. */
    void release() {
        reset();
        payloadViews.release();
        staging.release();
    }
}
