package io.gannet.internal;

import io.gannet.ErrorCode;
import io.gannet.GannetException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A socket's endpoints: what it bound and connected, each a handle from the
 * {@link EndpointKind} that serves its scheme, whatever the kind. Owned by the socket's
 * thread; the socket closes the pipes of an endpoint it lets go ({@link SocketPipes}).
 */
final class SocketEndpoints {
    private final SocketPort socket;
    private final EndpointKinds kinds;
    private final List<EndpointHandle> bound = new ArrayList<>();
    private final List<EndpointHandle> connected = new ArrayList<>();
    private String lastEndpoint = "";

    SocketEndpoints(SocketPort socket, EndpointKinds kinds) {
        this.socket = socket;
        this.kinds = kinds;
    }

    /** Returns the endpoint bound, wildcards resolved. */
    String bind(String endpoint) {
        Endpoint ep = Endpoint.parse(endpoint);
        EndpointHandle h = kinds.of(ep).bind(socket, ep);
        bound.add(h);
        lastEndpoint = h.endpoint();
        return lastEndpoint;
    }

    void connect(String endpoint) {
        Endpoint ep = Endpoint.parse(endpoint);
        EndpointHandle h = kinds.of(ep).connect(socket, ep);
        connected.add(h);
        lastEndpoint = h.endpoint();
    }

    /** Stops accepting on {@code endpoint} (as {@code lastEndpoint()} wrote it); throws {@code ENOENT} if not bound. */
    void unbind(String endpoint) {
        Endpoint.parse(endpoint); // malformed text is EINVAL here too, not ENOENT
        for (EndpointHandle h : take(bound, endpoint, "bound")) {
            h.close();
        }
    }

    /** Stops connecting to {@code endpoint}; throws {@code ENOENT} if not connected. */
    void disconnect(String endpoint) {
        Endpoint.parse(endpoint); // malformed text is EINVAL here too, not ENOENT
        for (EndpointHandle h : take(connected, endpoint, "connected")) {
            h.disconnect();
        }
    }

    private static List<EndpointHandle> take(List<EndpointHandle> from, String endpoint, String what) {
        List<EndpointHandle> taken = new ArrayList<>(1);
        for (Iterator<EndpointHandle> it = from.iterator(); it.hasNext(); ) {
            EndpointHandle h = it.next();
            if (h.endpoint().equals(endpoint)) {
                it.remove();
                taken.add(h);
            }
        }
        if (taken.isEmpty()) {
            throw new GannetException(ErrorCode.ENOENT, endpoint + " is not " + what + " by this socket");
        }
        return taken;
    }

    /** The socket closes: every endpoint stops; connections linger as LINGER says. */
    void closeAll() {
        for (EndpointHandle h : bound) {
            h.close();
        }
        for (EndpointHandle h : connected) {
            h.close();
        }
        bound.clear();
        connected.clear();
    }

    String lastEndpoint() {
        return lastEndpoint;
    }
}
