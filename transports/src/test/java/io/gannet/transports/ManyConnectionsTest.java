package io.gannet.transports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.Context;
import io.gannet.Multipart;
import io.gannet.Socket;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * One Gannet ROUTER serving {@value #CLIENTS} concurrent tcp connections from DEALERs of one
 * context (one I/O thread): every client sends one request and gets its reply routed back
 * by routing id. About 2,000 file descriptors (both ends live in this process); the
 * machine's {@code ulimit -n} of 20,000 leaves room, and nothing is raised.
 */
class ManyConnectionsTest {
    private static final int CLIENTS = 1000;

    @Test
    void routerRepliesToAThousandDealersByRoutingId() {
        List<Socket> dealers = new ArrayList<>(CLIENTS);
        try (Context ctx = new Context(); Socket router = ctx.socket(SocketType.ROUTER)) {
            router.set(SocketOption.RCVTIMEO, (int) TestSupport.TIMEOUT.toMillis());
            router.set(SocketOption.ROUTER_MANDATORY, true);
            router.set(SocketOption.BACKLOG, CLIENTS);
            router.bind("tcp://127.0.0.1:*");
            String endpoint = router.lastEndpoint();
            try {
                for (int i = 0; i < CLIENTS; i++) {
                    Socket dealer = ctx.socket(SocketType.DEALER);
                    dealers.add(dealer);
                    dealer.set(SocketOption.ROUTING_ID, id(i).getBytes());
                    dealer.set(SocketOption.RCVTIMEO, (int) TestSupport.TIMEOUT.toMillis());
                    dealer.set(SocketOption.SNDTIMEO, (int) TestSupport.TIMEOUT.toMillis());
                    dealer.set(SocketOption.LINGER, 0);
                    dealer.connect(endpoint);
                    assertTrue(dealer.send("request " + i));
                }

                Set<String> from = new HashSet<>();
                for (int n = 0; n < CLIENTS; n++) {
                    Multipart request = router.recvMultipart(0);
                    assertNotNull(request, "request " + n + " of " + CLIENTS + " arrived");
                    String client = request.getString(0);
                    assertEquals("request " + Integer.parseInt(client.substring(1)), request.getString(1));
                    assertTrue(from.add(client), "one request per client: " + client);
                    request.close();
                    assertTrue(router.send(Multipart.of(client, "reply to " + client)));
                }

                for (int i = 0; i < CLIENTS; i++) {
                    assertEquals("reply to " + id(i), TestSupport.recv(dealers.get(i)), "client " + i);
                }
            } finally {
                for (Socket dealer : dealers) {
                    dealer.close();
                }
            }
        }
    }

    private static String id(int i) {
        return String.format("c%04d", i);
    }
}
