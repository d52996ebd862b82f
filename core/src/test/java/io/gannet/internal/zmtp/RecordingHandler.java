package io.gannet.internal.zmtp;

import io.netty.buffer.ByteBuf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Records every frame as plain bytes and releases it; can pause after a number of frames. */
final class RecordingHandler implements FrameHandler {

    /** One received frame. */
    record Received(boolean command, boolean more, byte[] body) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Received r && r.command == command && r.more == more && Arrays.equals(r.body, body);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(body);
        }

        @Override
        public String toString() {
            return (command ? "CMD" : more ? "MORE" : "LAST") + "[" + body.length + "]";
        }
    }

    final List<Received> frames = new ArrayList<>();
    int pauseEvery = Integer.MAX_VALUE;

    @Override
    public boolean onMessageFrame(ByteBuf body, boolean more) {
        return record(false, more, body);
    }

    @Override
    public boolean onCommand(ByteBuf body) {
        return record(true, false, body);
    }

    private boolean record(boolean command, boolean more, ByteBuf body) {
        try {
            frames.add(new Received(command, more, TestBuffers.bytes(body)));
        } finally {
            body.release();
        }
        return frames.size() % pauseEvery != 0;
    }
}
