package io.gannet.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.Context;
import io.gannet.Socket;
import io.gannet.SocketType;
import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCounted;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the virtual-thread example of docs/threading.md exactly as written: the code block is
 * read from the page, compiled with the running JDK's compiler and run against a REP server
 * over inproc (10,000 tcp connections in one test process would need more file descriptors
 * than test machines allow). 10,000 sockets at once must fit the context's default limit.
 *
 * <p>On JDK 17-20, which have no virtual threads, the same text compiles against a stand-in
 * {@code Executors.newVirtualThreadPerTaskExecutor()} that runs the tasks on a bounded pool of
 * platform threads; from JDK 21 on it is the JDK's own.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class VirtualThreadsDocTest {
    private static final Path PAGE = Path.of("").toAbsolutePath().getParent().resolve("docs/threading.md");
    private static final Pattern BLOCK = Pattern.compile(
            "<!-- virtual-threads-example:[^>]*-->\\s*```java\\n(.*?)```", Pattern.DOTALL);
    private static final int TASKS = 10_000;

    private static Method example;

    @BeforeAll
    static void compileTheDocumentedCode(@TempDir Path dir) throws Exception {
        Matcher m = BLOCK.matcher(Files.readString(PAGE, StandardCharsets.UTF_8));
        assertTrue(m.find(), "no virtual-threads-example block in " + PAGE);
        String snippet = m.group(1);
        assertTrue(snippet.contains("i < 10_000"), snippet);
        boolean hasVirtualThreads = Runtime.version().feature() >= 21;
        String source = "package docsnippet;\n"
                + "import io.gannet.*;\nimport java.util.*;\nimport java.util.concurrent.*;\n"
                + "public final class VirtualThreads {\n"
                + "    public static List<Future<String>> run(Context ctx, String endpoint) throws Exception {\n"
                + snippet
                + "        return replies;\n"
                + "    }\n"
                + (hasVirtualThreads ? "" : STAND_IN)
                + "}\n";
        Path file = dir.resolve("src/docsnippet/VirtualThreads.java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, source, StandardCharsets.UTF_8);
        Path classes = dir.resolve("classes");
        String classPath = location(Context.class) + File.pathSeparator + location(ByteBuf.class)
                + File.pathSeparator + location(ReferenceCounted.class);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "no system Java compiler: run the tests with a JDK");
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int status = javac.run(null, diagnostics, diagnostics, "-d", classes.toString(), "-cp", classPath, file.toString());
        assertEquals(0, status, "the documented code does not compile:\n" + diagnostics.toString(StandardCharsets.UTF_8)
                + "\n" + source);
        URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                VirtualThreadsDocTest.class.getClassLoader());
        example = loader.loadClass("docsnippet.VirtualThreads").getMethod("run", Context.class, String.class);
    }

    private static String location(Class<?> c) throws Exception {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    /** JDK 17-20 only: the JDK 21 factory the snippet calls, on platform threads. */
    private static final String STAND_IN = ""
            + "    static final class Executors {\n"
            + "        static Pool newVirtualThreadPerTaskExecutor() { return new Pool(); }\n"
            + "    }\n"
            + "    static final class Pool extends ThreadPoolExecutor implements AutoCloseable {\n"
            + "        Pool() { super(64, 64, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>()); }\n"
            + "        @Override public void close() {\n"
            + "            shutdown();\n"
            + "            try { awaitTermination(1, TimeUnit.DAYS); }\n"
            + "            catch (InterruptedException e) { Thread.currentThread().interrupt(); }\n"
            + "        }\n"
            + "    }\n";

    @SuppressWarnings("unchecked")
    private static List<Future<String>> runExample(Context ctx, String endpoint) throws Exception {
        return (List<Future<String>>) example.invoke(null, ctx, endpoint);
    }

    private static void assertAllPong(List<Future<String>> replies) throws Exception {
        assertEquals(TASKS, replies.size());
        for (Future<String> f : replies) {
            assertTrue(f.isDone());
            assertEquals("pong", f.get());
        }
    }

    @Test
    void defaultContextHoldsTheExamplesTenThousandSocketsAtOnce() {
        // On JDK 17-20 the stand-in pool keeps fewer sockets open at once; this holds on every JDK.
        List<Socket> open = new ArrayList<>();
        try (Context ctx = new Context()) {
            for (int i = 0; i < TASKS; i++) {
                open.add(ctx.socket(SocketType.REQ));
            }
            assertTrue(ctx.maxSockets() > TASKS, "default maxSockets " + ctx.maxSockets());
        }
        assertEquals(TASKS, open.size());
    }

    @Test
    void tenThousandTasksOverInprocWithTheDefaultContext() throws Exception {
        try (Context ctx = new Context(); Socket rep = ctx.socket(SocketType.REP)) {
            rep.bind("inproc://virtual-threads-doc");
            Thread server = new Thread(() -> {
                for (int i = 0; i < TASKS; i++) {
                    rep.recvString();
                    rep.send("pong");
                }
            }, "rep-server");
            server.start();
            assertAllPong(runExample(ctx, "inproc://virtual-threads-doc"));
            server.join();
        }
    }
}
