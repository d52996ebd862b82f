package io.gannet.internal.zmtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Splits the byte stream after the greeting into ZMTP frames ({@link Frame} shows the
 * layout, RFC 37 "Framing") and hands them to a {@link FrameHandler}. A state machine with
 * one method per state: flags, short size, long size, body. Input may end at any byte.
 *
 * <p><b>Buffers.</b> A body that lies whole in the input is delivered as a retained slice of
 * it (zero copy), except bodies smaller than the copy threshold, which are copied into a
 * fresh buffer so that a few small frames do not pin a large read buffer. A body split over
 * reads is gathered into one buffer allocated for all of it when it is small (below the copy
 * threshold) or at most the whole-body limit ({@link #DEFAULT_WHOLE_BODY_LIMIT}, never above
 * MAXMSGSIZE since the size was checked first): a peer's claim can make us allocate that
 * much per connection and no more. Such a large body's buffer is direct memory recycled
 * through a {@link LargeBodyPool} and is offered to the engine as a {@link #directReadTarget}, so the rest of the body can come
 * straight from the socket. A body above the limit is never sized by the peer's claim: it
 * is gathered as a composite of retained input slices, with small pieces copied into a tail
 * buffer that grows as data comes. Because of the slices, the engine must not overwrite
 * bytes of a read buffer that it gave to {@link #decode}: when it reads again it appends
 * behind them or takes a new buffer.
 *
 * <p><b>Limits.</b> The size is checked as soon as its bytes are in, before anything is
 * allocated: against MAXMSGSIZE ({@code -1} = none), against 2^63 and against what a Java
 * buffer can hold ({@link Frame#MAX_BODY_SIZE}). The MAXMSGSIZE limit applies per frame, as
 * libzmq applies it per {@code msg_t}; it covers command frames too. A command frame with
 * MORE set is an error. Errors are returned, never thrown; after one the decoder stays
 * failed. Unknown commands are delivered like any other: the engine ignores them after the
 * handshake (RFC 37 lets mechanisms define commands) and fails the handshake on them.
 *
 * <p><b>Threads.</b> Owned by one engine on its I/O thread; not thread-safe. Steady-state
 * decoding allocates nothing on the heap: small bodies go into buffers recycled through a
 * {@link SmallBodyPool} (cheap to release on the application thread, unlike pooled Netty
 * buffers), large ones are slices of the pooled read buffer or, when split, one buffer each
 * from a {@link LargeBodyPool} (no composite, no per-piece slices).
 */
public final class FrameDecoder {

    /** What {@link #decode} stopped on. */
    public enum Result {
        /** All input was consumed; call again when more arrives. */
        NEED_INPUT,
        /** The handler returned false; unread input remains in the buffer. */
        PAUSED,
        /** The peer broke the protocol: see {@link #error()}; close the connection. */
        FAILED
    }

    /**
     * Default size below which bodies are copied rather than sliced: the largest the
     * {@link SmallBodyPool} serves. Copying up to 2 KB costs less than a slice (a recycled
     * object released on another thread, and a read buffer that cannot be reused while any
     * slice of it lives), and matches the size below which the encoder copies on output.
     */
    public static final int DEFAULT_COPY_THRESHOLD = SmallBodyPool.MAX_BODY;

    /**
     * Default size up to which a body split over reads gets one buffer of its full size as
     * soon as its first bytes arrive. 1 MiB: large enough for the messages people send
     * most, small enough that a peer lying about sizes costs little per connection. The
     * largest body a {@link LargeBodyPool} serves.
     */
    public static final int DEFAULT_WHOLE_BODY_LIMIT = LargeBodyPool.MAX_BODY;

    private static final int FLAGS = 0;
    private static final int SHORT_SIZE = 1;
    private static final int LONG_SIZE = 2;
    private static final int BODY = 3;
    private static final int FAILED = 4;

    /** Internal outcome of one state step; the public {@link Result}s plus "go on". */
    private static final int STEP_CONTINUE = 0;
    private static final int STEP_NEED_INPUT = 1;
    private static final int STEP_PAUSED = 2;
    private static final int STEP_FAILED = 3;

    private final ByteBufAllocator alloc;
    private final long maxFrameSize;
    private final int copyThreshold;
    private final int wholeBodyLimit;
    /** Buffers for bodies below {@link #copyThreshold}. */
    private final SmallBodyPool smallBodies;
    /** Buffers for split bodies from the copy threshold up to {@link #wholeBodyLimit}. */
    private final LargeBodyPool largeBodies;

    private int state = FLAGS;
    private int flags;
    /** Size bytes of a long header read so far, and their value. */
    private int sizeBytesRead;
    private long size;
    /** Body size of the current frame, once validated. */
    private int bodySize;
    /** A split body being copied into one buffer allocated for all of it; null otherwise. */
    private ByteBuf whole;
    /** A split body above {@link #wholeBodyLimit}: retained input slices; null otherwise. */
    private CompositeByteBuf pieces;
    /** For {@link #pieces}: small pieces copied here before joining it. */
    private ByteBuf tail;
    /** Bytes of {@link #pieces} (and {@link #tail}) gathered so far. */
    private int gathered;
    private ProtocolError error;
    private String errorDetail;

    /**
     * A decoder with the default whole-body limit and its own body pools (for a decoder
     * that is alone on its thread; decoders sharing an I/O thread should share that
     * thread's pools). The idle buffers of its large-body pool are freed by the JDK's
     * cleaner once the decoder is garbage.
     *
     * @param alloc         allocator for split bodies above the whole-body limit
     * @param maxFrameSize  MAXMSGSIZE: the largest frame body accepted, or -1 for no limit
     * @param copyThreshold bodies smaller than this are copied, larger ones sliced; 0 slices
     *                      all; at most {@link SmallBodyPool#MAX_BODY}
     */
    public FrameDecoder(ByteBufAllocator alloc, long maxFrameSize, int copyThreshold) {
        this(alloc, maxFrameSize, copyThreshold, DEFAULT_WHOLE_BODY_LIMIT, new SmallBodyPool(), new LargeBodyPool());
    }

    /**
     * @param alloc          allocator for split bodies above the whole-body limit
     * @param maxFrameSize   MAXMSGSIZE: the largest frame body accepted, or -1 for no limit
     * @param copyThreshold  bodies smaller than this are copied, larger ones sliced; 0 slices
     *                       all; at most {@link SmallBodyPool#MAX_BODY}
     * @param wholeBodyLimit split bodies up to this size get one buffer of their full size at
     *                       once; larger ones grow with the bytes that arrive; at most
     *                       {@link LargeBodyPool#MAX_BODY}
     * @param smallBodies    where copies of small bodies go; owned by this decoder's thread
     * @param largeBodies    where split bodies up to the whole-body limit go; owned by this
     *                       decoder's thread
     */
    public FrameDecoder(ByteBufAllocator alloc, long maxFrameSize, int copyThreshold, int wholeBodyLimit,
                        SmallBodyPool smallBodies, LargeBodyPool largeBodies) {
        if (maxFrameSize < -1 || copyThreshold < 0 || copyThreshold > SmallBodyPool.MAX_BODY || wholeBodyLimit < 0
                || wholeBodyLimit > LargeBodyPool.MAX_BODY) {
            throw new IllegalArgumentException("maxFrameSize " + maxFrameSize + ", copyThreshold " + copyThreshold
                    + ", wholeBodyLimit " + wholeBodyLimit);
        }
        this.alloc = alloc;
        this.maxFrameSize = maxFrameSize;
        this.copyThreshold = copyThreshold;
        this.wholeBodyLimit = wholeBodyLimit;
        this.smallBodies = smallBodies;
        this.largeBodies = largeBodies;
    }

    /**
     * Decodes as many frames from {@code in} as it holds (or until the handler pauses),
     * advancing its reader index. Does not release {@code in}; delivered slices hold their
     * own references to it.
     */
    public Result decode(ByteBuf in, FrameHandler handler) {
        int step;
        do {
            switch (state) {
                case FLAGS:
                    step = readFlags(in);
                    break;
                case SHORT_SIZE:
                    step = readShortSize(in);
                    break;
                case LONG_SIZE:
                    step = readLongSize(in);
                    break;
                case BODY:
                    step = readBody(in, handler);
                    break;
                default:
                    step = STEP_FAILED;
                    break;
            }
        } while (step == STEP_CONTINUE);
        return step == STEP_NEED_INPUT ? Result.NEED_INPUT : step == STEP_PAUSED ? Result.PAUSED : Result.FAILED;
    }

    private int readFlags(ByteBuf in) {
        if (!in.isReadable()) {
            return STEP_NEED_INPUT;
        }
        flags = in.readUnsignedByte();
        if ((flags & Frame.COMMAND) != 0 && (flags & Frame.MORE) != 0) {
            return fail(ProtocolError.COMMAND_WITH_MORE, "command frame with the MORE flag set");
        }
        state = (flags & Frame.LONG) != 0 ? LONG_SIZE : SHORT_SIZE;
        sizeBytesRead = 0;
        size = 0;
        return STEP_CONTINUE;
    }

    private int readShortSize(ByteBuf in) {
        if (!in.isReadable()) {
            return STEP_NEED_INPUT;
        }
        return beginBody(in.readUnsignedByte());
    }

    private int readLongSize(ByteBuf in) {
        if (sizeBytesRead == 0 && in.readableBytes() >= Long.BYTES) {
            return beginBody(in.readLong());
        }
        while (sizeBytesRead < Long.BYTES && in.isReadable()) {
            size = (size << 8) | in.readUnsignedByte();
            sizeBytesRead++;
        }
        return sizeBytesRead == Long.BYTES ? beginBody(size) : STEP_NEED_INPUT;
    }

    /** Validates a frame size before a single byte is allocated for it. */
    private int beginBody(long claimed) {
        if (claimed < 0) {
            return fail(ProtocolError.BAD_FRAME_SIZE,
                    "frame size " + Long.toUnsignedString(claimed) + " is 2^63 or more");
        }
        if (maxFrameSize >= 0 && claimed > maxFrameSize) {
            return fail(ProtocolError.FRAME_TOO_LARGE,
                    "frame of " + claimed + " bytes exceeds MAXMSGSIZE " + maxFrameSize);
        }
        if (claimed > Frame.MAX_BODY_SIZE) {
            return fail(ProtocolError.FRAME_SIZE_UNSUPPORTED,
                    "frame of " + claimed + " bytes exceeds the largest Java buffer");
        }
        bodySize = (int) claimed;
        state = BODY;
        return STEP_CONTINUE;
    }

    private int readBody(ByteBuf in, FrameHandler handler) {
        if (whole == null && pieces == null) {
            int available = in.readableBytes();
            if (available >= bodySize) {
                return deliver(takeWhole(in), handler);
            }
            if (available == 0) {
                return STEP_NEED_INPUT;
            }
            startSplitBody();
        }
        ByteBuf body;
        if (whole != null) {
            int missing = bodySize - whole.writerIndex();
            whole.writeBytes(in, Math.min(in.readableBytes(), missing));
            if (whole.writerIndex() < bodySize) {
                return STEP_NEED_INPUT;
            }
            body = whole;
            whole = null;
        } else {
            addPiece(in, Math.min(in.readableBytes(), bodySize - gathered));
            if (gathered < bodySize) {
                return STEP_NEED_INPUT;
            }
            flushTail();
            body = pieces;
            pieces = null;
        }
        return deliver(body, handler);
    }

    /**
     * The first bytes of a body arrived without the rest. Small bodies get a recycled buffer
     * (bounded by the copy threshold); bodies up to {@link #wholeBodyLimit} one recycled
     * direct buffer of their exact size, so the engine can read the rest straight into it
     * ({@link #directReadTarget}); only larger claims grow piece by piece as bytes arrive.
     */
    private void startSplitBody() {
        if (bodySize < copyThreshold) {
            whole = smallBodies.take(bodySize);
        } else if (bodySize <= wholeBodyLimit) {
            whole = largeBodies.take(bodySize);
        } else {
            pieces = alloc.compositeBuffer(Integer.MAX_VALUE);
            gathered = 0;
        }
    }

    /** The body is all in {@code in}: slice it, or copy it if small. */
    private ByteBuf takeWhole(ByteBuf in) {
        if (bodySize == 0) {
            return Unpooled.EMPTY_BUFFER;
        }
        if (bodySize < copyThreshold) {
            ByteBuf copy = smallBodies.take(bodySize);
            copy.writeBytes(in, bodySize);
            return copy;
        }
        return in.readRetainedSlice(bodySize);
    }

    /** Adds {@code n} bytes of a body above the whole-body limit, growing only by what arrived. */
    private void addPiece(ByteBuf in, int n) {
        gathered += n;
        if (n >= copyThreshold) {
            flushTail();
            pieces.addComponent(true, in.readRetainedSlice(n));
            return;
        }
        if (tail == null) {
            int remaining = bodySize - gathered + n;
            tail = alloc.buffer(Math.min(remaining, Math.max(n, copyThreshold)), remaining);
        }
        tail.writeBytes(in, n);
    }

    private void flushTail() {
        if (tail != null) {
            pieces.addComponent(true, tail);
            tail = null;
        }
    }

    /**
     * Where the engine may read the rest of the current body straight from the channel,
     * skipping the read buffer (libzmq does the same for large messages): a direct buffer
     * whose writable bytes are exactly the body's missing bytes, or null when no body of
     * that kind is in progress. The caller writes into it (never past its writable bytes),
     * keeps no reference, and then calls {@link #decode} (with empty input if nothing else
     * came), which delivers the body once it is complete. Only non-empty between decode
     * calls that stopped inside a body of at least the copy threshold and at most the
     * whole-body limit.
     */
    public ByteBuf directReadTarget() {
        return whole != null && bodySize >= copyThreshold && bodySize <= wholeBodyLimit ? whole : null;
    }

    private int deliver(ByteBuf body, FrameHandler handler) {
        state = FLAGS;
        boolean goOn = (flags & Frame.COMMAND) != 0
                ? handler.onCommand(body)
                : handler.onMessageFrame(body, (flags & Frame.MORE) != 0);
        return goOn ? STEP_CONTINUE : STEP_PAUSED;
    }

    private int fail(ProtocolError code, String detail) {
        error = code;
        errorDetail = detail;
        state = FAILED;
        releasePartial();
        return STEP_FAILED;
    }

    /**
     * Releases a partly gathered body. Call when the connection closes; the decoder is
     * unusable afterwards.
     */
    public void release() {
        releasePartial();
        state = FAILED;
    }

    private void releasePartial() {
        if (tail != null) {
            tail.release();
            tail = null;
        }
        if (pieces != null) {
            pieces.release();
            pieces = null;
        }
        if (whole != null) {
            whole.release();
            whole = null;
        }
    }

    /** Whether the decoder stopped inside a frame (a clean end of stream lies between frames). */
    public boolean isMidFrame() {
        return state != FLAGS && state != FAILED;
    }

    /**
     * Whether the decoder stopped inside a message frame (not a command): the stream ended
     * in the middle of a message.
     */
    public boolean isMidMessageFrame() {
        return isMidFrame() && (flags & Frame.COMMAND) == 0;
    }

    /** The protocol error after {@link Result#FAILED}, else null. */
    public ProtocolError error() {
        return error;
    }

    /** A human-readable description of {@link #error()}, else null. */
    public String errorDetail() {
        return errorDetail;
    }
}
