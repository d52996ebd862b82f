package io.gannet.transports.pgm;

import io.gannet.Msg;
import io.gannet.spi.DatagramHost;
import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.util.ArrayList;

/**
 * Turns one PGM source's TSDUs, in sequence order, back into messages for the socket: the
 * reverse of {@link TsduWriter} (its class comment draws the layout), as libzmq's
 * {@code pgm_receiver} and ZMTP/1.0 decoder read them.
 *
 * <ul>
 *   <li><b>Joining</b>: a new source, and one whose stream broke, is read from the first TSDU
 *       whose offset says a message begins there, at that offset; earlier bytes are skipped
 *       (a late joiner starts at a message boundary).</li>
 *   <li><b>Whole messages</b>: a message's frames are held here until its last one has come,
 *       then queued for the socket together. Every source shares the socket's one pipe, so
 *       frames queued as they came would interleave with another source's message.</li>
 *   <li><b>Loss</b> ({@link #lost}): the message being read is dropped (the frames held are
 *       released: the socket never sees part of a message), counted and reported with
 *       the source and the sequence numbers, and the stream joins again at the next boundary.</li>
 *   <li><b>Bad data</b>: a zero length, a frame over MAXMSGSIZE or over 2 GiB, an offset
 *       past the TSDU's end or one that does not fall on a message boundary: the message is
 *       dropped and counted, and reading goes on at the next boundary. Nothing is allocated
 *       beyond the bytes that arrived.</li>
 *   <li><b>RCVHWM</b>: a message whose first frame finds the socket's queue full is skipped
 *       whole and counted (a multicast sender cannot be slowed down).</li>
 * </ul>
 *
 * Bodies come from the context's pooled allocator. Owned by one I/O thread.
 */
final class TsduReader {
    private enum State { LENGTH, LONG_LENGTH, FLAGS, BODY }

    /** ByteBuf's limit, less a margin: a longer frame is bad data. */
    private static final long MAX_FRAME = Integer.MAX_VALUE - 8;

    private final DatagramHost host;
    private final String source;
    private final long maxMsgSize;
    private final Msg scratch = new Msg();
    /** The frames of the message being read, queued for the socket once its last one came. */
    private final ArrayList<ByteBuf> frames = new ArrayList<>();

    private boolean joined;
    private State state = State.LENGTH;
    private long length;
    private int lengthBytes;
    private boolean more;
    private long bodyLeft;
    private ByteBuf body;
    /** A message has begun: its frames so far are held in {@link #frames} or skipped. */
    private boolean inMessage;
    /** The message being read is dropped (RCVHWM); its frames are read past. */
    private boolean skipping;

    /**
     * @param source     the source's name for reports (its TSI)
     * @param maxMsgSize MAXMSGSIZE: the largest frame taken, -1 for no limit
     */
    TsduReader(DatagramHost host, String source, long maxMsgSize) {
        this.host = host;
        this.source = source;
        this.maxMsgSize = maxMsgSize;
    }

    /** Whether the stream is being read (a message boundary was found and nothing broke since). */
    boolean joined() {
        return joined;
    }

    /** The source's next TSDU, from its position to its limit (read entirely, not kept). */
    void data(ByteBuffer tsdu) {
        if (tsdu.remaining() < 2) {
            if (joined) {
                broken("a TSDU shorter than its 2-byte offset");
            }
            return;
        }
        int offset = tsdu.getShort() & 0xFFFF;
        int start = tsdu.position();
        int end = tsdu.limit();
        boolean hasOffset = offset != TsduWriter.NO_MESSAGE_STARTS;
        if (hasOffset && offset > end - start) {
            if (joined) {
                broken("a TSDU whose message offset " + offset + " is past its end");
            }
            return;
        }
        if (!joined) {
            if (!hasOffset) {
                return; // no message begins here: wait for one that does
            }
            joined = true;
            state = State.LENGTH;
            decode(tsdu, start + offset, end);
            return;
        }
        if (hasOffset) {
            // The bytes before the offset end the message in progress: then a message begins.
            decode(tsdu, start, start + offset);
            if (!joined) {
                joined = true; // bad data before the offset was dropped; the offset is a fresh start
            } else if (state != State.LENGTH || inMessage) {
                broken("a TSDU whose message offset does not fall where the previous message ends");
                joined = true;
            }
            decode(tsdu, start + offset, end);
        } else {
            decode(tsdu, start, end);
        }
    }

    /**
     * Sequence numbers {@code [firstSqn, firstSqn + count)} of this source are lost for good:
     * drop the message in progress, report, and join again at the next boundary.
     */
    void lost(long firstSqn, long count) {
        dropPartial();
        joined = false;
        long last = (firstSqn + count - 1) & 0xFFFF_FFFFL;
        host.messagesDropped(1, "epgm source " + source + " lost sequence numbers " + firstSqn
                + (count > 1 ? " to " + last : "") + " for good (beyond what it could repair):"
                + " at least one message is dropped; its stream resumes at the next message");
    }

    /** Releases what is held (the endpoint closes). */
    void close() {
        dropPartial();
        scratch.close();
    }

    /** Reads {@code tsdu} from {@code from} to {@code to}; stops early when the stream breaks. */
    private void decode(ByteBuffer tsdu, int from, int to) {
        int p = from;
        while (p < to && joined) {
            switch (state) {
                case LENGTH: {
                    int l = tsdu.get(p++) & 0xFF;
                    if (l == 0xFF) {
                        length = 0;
                        lengthBytes = 0;
                        state = State.LONG_LENGTH;
                    } else {
                        length = l;
                        lengthKnown();
                    }
                    break;
                }
                case LONG_LENGTH:
                    length = (length << 8) | (tsdu.get(p++) & 0xFF);
                    if (++lengthBytes == 8) {
                        lengthKnown();
                    }
                    break;
                case FLAGS:
                    more = (tsdu.get(p++) & 0x01) != 0;
                    frameBegins(to - p);
                    break;
                case BODY: {
                    int n = (int) Math.min(bodyLeft, to - p);
                    if (!skipping) {
                        int limit = tsdu.limit();
                        tsdu.limit(p + n).position(p);
                        body.writeBytes(tsdu);
                        tsdu.limit(limit);
                    }
                    p += n;
                    bodyLeft -= n;
                    if (bodyLeft == 0) {
                        frameEnds();
                    }
                    break;
                }
                default:
                    throw new IllegalStateException(state.toString());
            }
        }
    }

    private void lengthKnown() {
        // The length counts the flags byte; 0 (or negative: over 2^63) is bad data.
        if (length <= 0) {
            broken("a frame length of " + Long.toUnsignedString(length));
        } else if (length - 1 > MAX_FRAME || (maxMsgSize >= 0 && length - 1 > maxMsgSize)) {
            broken("a frame of " + (length - 1) + " bytes, over "
                    + (maxMsgSize >= 0 ? "MAXMSGSIZE (" + maxMsgSize + ")" : "2 GiB"));
        } else {
            state = State.FLAGS;
        }
    }

    private void frameBegins(int bytesHere) {
        if (!inMessage) {
            inMessage = true;
            skipping = !host.checkWrite();
            if (skipping) {
                host.messagesDropped(1, "a message from epgm source " + source + " arrived while the socket's"
                        + " queue was at RCVHWM");
            }
        }
        bodyLeft = length - 1;
        if (!skipping) {
            // Never more than what arrived: the buffer grows as the rest comes.
            int initial = (int) Math.min(bodyLeft, Math.max(0, bytesHere));
            body = host.alloc().buffer(initial, (int) bodyLeft);
        }
        state = State.BODY;
        if (bodyLeft == 0) {
            frameEnds();
        }
    }

    private void frameEnds() {
        state = State.LENGTH;
        if (!skipping) {
            frames.add(body);
            body = null;
        }
        if (!more) {
            if (!skipping) {
                queueMessage();
            }
            inMessage = false;
            skipping = false;
        }
    }

    /** Hands the held frames, a whole message, to the socket's pipe. */
    private void queueMessage() {
        int n = frames.size();
        for (int i = 0; i < n; i++) {
            scratch.set(frames.get(i), i < n - 1);
            frames.set(i, null);
            if (!host.write(scratch)) {
                // Only a first frame can be refused (the queue filled since checkWrite).
                scratch.close();
                if (i > 0) {
                    host.rollback();
                }
                releaseFrames();
                host.messagesDropped(1, "the socket's queue refused a message from epgm source " + source);
                return;
            }
        }
        frames.clear();
    }

    private void releaseFrames() {
        for (ByteBuf frame : frames) {
            if (frame != null) {
                frame.release();
            }
        }
        frames.clear();
    }

    /** Bad data: the message in progress is dropped and counted; read again from the next boundary. */
    private void broken(String what) {
        boolean counted = inMessage && skipping;
        dropPartial();
        joined = false;
        if (!counted) {
            host.messagesDropped(1, "epgm source " + source + " sent " + what
                    + ": a message is dropped; its stream resumes at the next message");
        }
    }

    private void dropPartial() {
        if (body != null) {
            body.release();
            body = null;
        }
        releaseFrames();
        inMessage = false;
        skipping = false;
        state = State.LENGTH;
    }
}
