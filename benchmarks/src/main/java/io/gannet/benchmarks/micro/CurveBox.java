package io.gannet.benchmarks.micro;

import io.gannet.internal.crypto.BoxSession;
import io.gannet.internal.crypto.CryptoBox;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * ns per CURVE MESSAGE box of {@code size} bytes: {@code seal} and {@code sealThenOpen} with
 * the per-connection {@link BoxSession} (BouncyCastle's Salsa20 core and Poly1305, subkey made once, in
 * place, heap or direct memory), and {@code bouncyCastleSeal}, the same box through
 * BouncyCastle's XSalsa20 and Poly1305 (a new stream and MAC per box, as the handshake's
 * boxes are made). Gannet only: the crypto of one frame, no I/O.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class CurveBox {
    @Param({"64", "1024", "65536"})
    public int size;

    @Param({"false", "true"})
    public boolean direct;

    private final byte[] key = new byte[32];
    private BoxSession session;
    private ByteBuffer buffer;
    private byte[] plain;
    private byte[] out;
    private byte[] nonce;
    private long counter;

    @Setup
    public void setUp() {
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (i * 7 + 1);
        }
        byte[] prefix = "CurveZMQMESSAGEC".getBytes(StandardCharsets.US_ASCII);
        session = new BoxSession(key, prefix);
        buffer = direct ? ByteBuffer.allocateDirect(16 + size) : ByteBuffer.allocate(16 + size);
        plain = new byte[size];
        out = new byte[16 + size];
        nonce = new byte[24];
        System.arraycopy(prefix, 0, nonce, 0, 16);
    }

    /** Seals one box in place (the ciphertext of the last one is the next plaintext). */
    @Benchmark
    public ByteBuffer seal() {
        session.seal(++counter, buffer, 0, size);
        return buffer;
    }

    /** Seals one box in place and opens it again. */
    @Benchmark
    public boolean sealThenOpen() {
        long n = ++counter;
        session.seal(n, buffer, 0, size);
        return session.open(n, buffer, 0, 16 + size);
    }

    /** The same box through BouncyCastle (what each MESSAGE cost before). */
    @Benchmark
    public byte[] bouncyCastleSeal() {
        nonce[23]++;
        CryptoBox.seal(key, nonce, plain, 0, size, out, 0);
        return out;
    }
}
