package io.gannet.examples;

import com.google.protobuf.InvalidProtocolBufferException;
import io.gannet.Context;
import io.gannet.Msg;
import io.gannet.Socket;
import io.gannet.SocketType;
import io.gannet.examples.proto.Order;
import io.gannet.examples.proto.Side;

/**
 * Messages encoded with Protocol Buffers: ZeroMQ moves opaque frames, so any serialisation
 * works. A PUSH socket sends {@code Order} messages (see {@code src/main/proto/orders.proto});
 * a PULL socket decodes them straight from the received frame's buffer, without copying it
 * into a byte array first, and totals them.
 *
 * <pre>
 * java -cp examples/target/gannet.jar io.gannet.examples.ProtobufMessages [endpoint] [orders]
 * </pre>
 */
public final class ProtobufMessages {
    private ProtobufMessages() {
    }

    public static void main(String[] args) throws Exception {
        String endpoint = args.length > 0 ? args[0] : "tcp://127.0.0.1:5560";
        int orders = args.length > 1 ? Integer.parseInt(args[1]) : 1000;

        try (Context ctx = new Context();
             Socket receiver = ctx.socket(SocketType.PULL);
             Socket sender = ctx.socket(SocketType.PUSH)) {
            receiver.bind(endpoint);
            sender.connect(receiver.lastEndpoint());

            Thread producer = new Thread(() -> {
                for (int i = 1; i <= orders; i++) {
                    Order order = Order.newBuilder()
                            .setId(i)
                            .setSymbol(i % 2 == 0 ? "GNT" : "ZMQ")
                            .setSide(i % 3 == 0 ? Side.SELL : Side.BUY)
                            .setQuantity(10 * i)
                            .setPriceCents(10_000 + i)
                            .addTags("example")
                            .build();
                    sender.send(order.toByteArray());
                }
            }, "producer");
            producer.start();

            long bought = 0;
            long sold = 0;
            long bytes = 0;
            Order last = null;
            try (Msg frame = new Msg()) {
                for (int i = 0; i < orders; i++) {
                    receiver.recv(frame, 0);
                    bytes += frame.size();
                    last = decode(frame);
                    if (last.getSide() == Side.BUY) {
                        bought += last.getQuantity();
                    } else {
                        sold += last.getQuantity();
                    }
                }
            }
            producer.join();
            System.out.println("received " + orders + " orders, " + bytes + " bytes of protobuf");
            System.out.println("bought " + bought + ", sold " + sold);
            System.out.println("last order: id=" + last.getId() + " symbol=" + last.getSymbol()
                    + " side=" + last.getSide() + " quantity=" + last.getQuantity()
                    + " price=" + last.getPriceCents() / 100 + "." + String.format("%02d", last.getPriceCents() % 100));
        }
    }

    /** Parses the frame in place: protobuf reads the buffer's bytes through a ByteBuffer view. */
    private static Order decode(Msg frame) throws InvalidProtocolBufferException {
        return Order.parseFrom(frame.data().nioBuffer());
    }
}
