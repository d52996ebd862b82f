package io.gannet.transports.interop;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that runs real libzmq peers.
 *
 * <ul>
 *   <li>Before the class, {@link LibzmqAvailability#require()} fails every test (never
 *       skips) when {@code /usr/bin/python3} cannot import zmq.</li>
 *   <li>A test method may declare a {@link LibzmqPeers} parameter: peers started through it
 *       are killed after the test, and when the test fails their command lines,
 *       transcripts and stderr are printed.</li>
 *   <li>Tagged {@code interop}; each test is bounded by a 60 s timeout so a hung peer
 *       cannot hang the build.</li>
 * </ul>
 *
 * <pre>{@code
 * @LibzmqInterop
 * class PushInteropTest {
 *     @Test
 *     void gannetPushFeedsLibzmqPull(LibzmqPeers peers) { ... }
 * }
 * }</pre>
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("interop")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(LibzmqInteropExtension.class)
public @interface LibzmqInterop {
}
