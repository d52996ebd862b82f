package io.gannet.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.Context;
import io.gannet.ErrorCode;
import io.gannet.GannetException;
import io.gannet.Socket;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import io.gannet.testing.TestSupport;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Misuse fails at once with the libzmq error name and a message that says what to do. */
class BadInputTest {

    private static GannetException assertCode(ErrorCode code, Executable call) {
        GannetException e = assertThrows(GannetException.class, call);
        assertEquals(code, e.code(), e.getMessage());
        return e;
    }

    @ParameterizedTest
    @ValueSource(strings = {"foo", "tcp:/x", "inproc://", "://x", "tc p://x"})
    void malformedEndpointsAreEinval(String endpoint) {
        try (Context ctx = new Context(); Socket s = ctx.socket(SocketType.PUSH)) {
            assertTrue(assertCode(ErrorCode.EINVAL, () -> s.bind(endpoint)).getMessage().contains(endpoint));
            assertCode(ErrorCode.EINVAL, () -> s.connect(endpoint));
        }
    }

    @Test
    void unknownSchemeNamesTheKnownTransports() {
        try (Context ctx = new Context(); Socket s = ctx.socket(SocketType.PUSH)) {
            String msg = assertCode(ErrorCode.EPROTONOSUPPORT, () -> s.connect("bogus://x")).getMessage();
            assertTrue(msg.contains("bogus") && msg.contains("inproc") && msg.contains("tcp"), msg);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp://127.0.0.1:*", "ipc:///tmp/gannet-none"})
    void networkTransportWithoutTheModuleNamesTheArtifact(String endpoint) {
        // The transports module is not on this module's test class path.
        try (Context ctx = new Context(); Socket s = ctx.socket(SocketType.PUSH)) {
            String msg = assertCode(ErrorCode.EPROTONOSUPPORT, () -> s.bind(endpoint)).getMessage();
            assertTrue(msg.contains("io.gannet:gannet-transports"), msg);
            msg = assertCode(ErrorCode.EPROTONOSUPPORT, () -> s.connect(endpoint)).getMessage();
            assertTrue(msg.contains("io.gannet:gannet-transports"), msg);
        }
    }

    @Test
    void badOptionValuesAreEinval() {
        try (Context ctx = new Context(); Socket s = ctx.socket(SocketType.PUSH)) {
            assertCode(ErrorCode.EINVAL, () -> s.set(SocketOption.SNDHWM, -1));
            assertCode(ErrorCode.EINVAL, () -> s.set(SocketOption.LINGER, -2));
            assertCode(ErrorCode.EINVAL, () -> s.set(SocketOption.SNDHWM, null));
            @SuppressWarnings({"rawtypes", "unchecked"})
            SocketOption<Object> raw = (SocketOption) SocketOption.SNDHWM;
            assertTrue(assertCode(ErrorCode.EINVAL, () -> s.set(raw, "1000")).getMessage().contains("Integer"));
            assertCode(ErrorCode.EINVAL, () -> s.set(SocketOption.ROUTING_ID, new byte[0]));
            assertCode(ErrorCode.EINVAL, () -> s.set(SocketOption.ROUTING_ID, new byte[256]));
            assertCode(ErrorCode.EINVAL, () -> s.set(SocketOption.ROUTING_ID, new byte[] {0, 'a'}));
            byte[] longest = new byte[255];
            Arrays.fill(longest, (byte) 'x');
            s.set(SocketOption.ROUTING_ID, longest).set(SocketOption.ROUTING_ID, new byte[] {'a'});
            assertEquals(1000, s.get(SocketOption.SNDHWM), "failed sets changed nothing");
        }
    }

    @Test
    void optionsForAnotherSocketTypeAreEinval() {
        try (Context ctx = new Context(); Socket s = ctx.socket(SocketType.PUSH)) {
            String msg = assertCode(ErrorCode.EINVAL, () -> s.set(SocketOption.XPUB_VERBOSE, true)).getMessage();
            assertTrue(msg.contains("XPUB_VERBOSE") && msg.contains("PUSH"), msg);
            assertCode(ErrorCode.EINVAL, () -> s.subscribe("topic"));
        }
    }

    @Test
    void callsOnAClosedSocketAreEnotsock() {
        try (Context ctx = new Context()) {
            Socket s = ctx.socket(SocketType.PUSH);
            s.close();
            s.close(); // closing twice is fine
            assertTrue(s.isClosed());
            assertCode(ErrorCode.ENOTSOCK, () -> s.send("x"));
            assertCode(ErrorCode.ENOTSOCK, () -> s.recv(Socket.DONTWAIT));
            assertCode(ErrorCode.ENOTSOCK, () -> s.bind(TestSupport.inproc()));
            assertCode(ErrorCode.ENOTSOCK, () -> s.set(SocketOption.SNDHWM, 1));
        }
    }

    @Test
    void operationsASocketTypeLacksAreEnotsup() {
        try (Context ctx = new Context(); Socket push = ctx.socket(SocketType.PUSH); Socket pull = ctx.socket(SocketType.PULL)) {
            assertCode(ErrorCode.ENOTSUP, () -> push.recv(Socket.DONTWAIT));
            assertCode(ErrorCode.ENOTSUP, () -> pull.send("x"));
        }
    }

    @Test
    void incompatibleInprocPeersAreEnocompatproto() {
        try (Context ctx = new Context(); Socket a = ctx.socket(SocketType.PUSH); Socket b = ctx.socket(SocketType.PUSH)) {
            String ep = TestSupport.inproc();
            a.bind(ep);
            String msg = assertCode(ErrorCode.ENOCOMPATPROTO, () -> b.connect(ep)).getMessage();
            assertTrue(msg.contains("PUSH"), msg);
            assertFalse(b.send("x", Socket.DONTWAIT), "no pipe was made");
        }
    }

    @Test
    void bindingAnInprocNameTwiceIsEaddrinuse() {
        try (Context ctx = new Context(); Socket a = ctx.socket(SocketType.PULL); Socket b = ctx.socket(SocketType.PULL)) {
            String ep = TestSupport.inproc();
            a.bind(ep);
            assertCode(ErrorCode.EADDRINUSE, () -> b.bind(ep));
            assertCode(ErrorCode.EADDRINUSE, () -> a.bind(ep));
            a.unbind(ep);
            b.bind(ep); // free again
        }
    }

    @Test
    void unbindingOrDisconnectingUnknownEndpointsIsEnoent() {
        try (Context ctx = new Context(); Socket s = ctx.socket(SocketType.PULL)) {
            String ep = TestSupport.inproc();
            assertCode(ErrorCode.ENOENT, () -> s.unbind(ep));
            assertCode(ErrorCode.ENOENT, () -> s.disconnect(ep));
            assertCode(ErrorCode.ENOENT, () -> s.unbind("tcp://127.0.0.1:5555"));
            assertCode(ErrorCode.ENOENT, () -> s.disconnect("tcp://127.0.0.1:5555"));
            s.bind(ep);
            s.unbind(ep);
            assertCode(ErrorCode.ENOENT, () -> s.unbind(ep));
        }
    }

    @Test
    void tooManySocketsIsEmfile() {
        try (Context ctx = Context.builder().maxSockets(2).build()) {
            Socket a = ctx.socket(SocketType.PUSH);
            ctx.socket(SocketType.PULL);
            assertTrue(assertCode(ErrorCode.EMFILE, () -> ctx.socket(SocketType.PAIR)).getMessage().contains("2"));
            a.close();
            ctx.socket(SocketType.PAIR).close(); // room again
        }
    }

    @Test
    void badContextSettingsAreEinval() {
        assertCode(ErrorCode.EINVAL, () -> new Context(0));
        assertCode(ErrorCode.EINVAL, () -> Context.builder().maxSockets(0).build());
    }
}
