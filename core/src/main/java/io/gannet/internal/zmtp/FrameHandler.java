package io.gannet.internal.zmtp;

import io.netty.buffer.ByteBuf;

/**
 * Receives the frames a {@link FrameDecoder} finds. Implemented by the engine (one instance
 * per connection, reused for every frame, so decoding allocates no callback objects).
 *
 * <p>Each call hands over one reference to {@code body}: the handler must release it or pass
 * it on. The body may be a slice of the engine's read buffer (zero copy) or its own buffer.
 * Returning false asks the decoder to stop after this frame (back-pressure, e.g. the inbound
 * pipe reached RCVHWM): the frame still belongs to the handler, and the decoder keeps the
 * rest of the input unread for a later {@link FrameDecoder#decode} call. Called on the
 * engine's I/O thread only.
 */
public interface FrameHandler {

    /**
     * A message frame.
     *
     * @param body the frame body; the handler owns one reference
     * @param more whether more frames of the same message follow
     * @return true to go on decoding, false to pause after this frame
     */
    boolean onMessageFrame(ByteBuf body, boolean more);

    /**
     * A command frame, whatever its name: the decoder does not interpret commands. The engine
     * routes handshake commands to the {@code Mechanism}, and after the handshake handles
     * PING, PONG, SUBSCRIBE, CANCEL and ERROR and ignores unknown commands (RFC 37 lets
     * mechanisms and future versions add commands).
     *
     * @param body the command body (name length, name, data); the handler owns one reference
     * @return true to go on decoding, false to pause after this frame
     */
    boolean onCommand(ByteBuf body);
}
