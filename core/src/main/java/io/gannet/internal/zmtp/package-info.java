/**
 * The ZMTP 3.1 wire codec (RFC 23, RFC 37): pure, socket-free code the engine drives from its
 * I/O thread.
 *
 * <pre>
 *  connect/accept ─► Greeting.encode(out, mechanism.name(), mechanism.asServer())
 *  read ─► GreetingDecoder.decode(in) ── DONE ─► mechanism.nextCommand(alloc)* framed with
 *          FrameEncoder.writeHeader(.., command=true)
 *  read ─► FrameDecoder.decode(in, handler)
 *            onCommand   while HANDSHAKING ─► mechanism.processCommand(body); nextCommand*
 *                        after READY ─► PING (answer PingCommand.encodePong), PONG,
 *                                       SUBSCRIBE/CANCEL (Subscriptions.commandToMessage),
 *                                       ERROR (close); unknown commands are ignored
 *            onMessageFrame  HANDSHAKING ─► protocol error; READY ─► inbound pipe
 *  write ─► per frame: FrameEncoder.writeHeader into a header buffer, payload gathered as is
 *           (3.1 peers: subscription messages go out as Subscriptions.messageToCommand)
 * </pre>
 *
 * Bad input never throws: decoders return FAILED with a {@link io.gannet.internal.zmtp.ProtocolError},
 * mechanisms turn to status ERROR with a {@link io.gannet.internal.zmtp.HandshakeError}.
 */
package io.gannet.internal.zmtp;
