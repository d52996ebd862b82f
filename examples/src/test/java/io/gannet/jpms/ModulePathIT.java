package io.gannet.jpms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.ByteArrayOutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles a small application that {@code requires io.gannet.core}, {@code io.gannet.patterns}
 * and {@code io.gannet.transports} (src/test/resources/modular-app), and runs it with
 * {@code java --module-path ... -m ...}: the module descriptors must resolve, find the socket
 * types and transports through {@code provides}/{@code uses}, and give Netty and JCTools the
 * {@code jdk.unsupported} module they need, with nothing printed on stderr.
 */
class ModulePathIT {
    private static final String APP = "app.hello";

    /** The jar or classes directory each module comes from, found through one class of it. */
    private static final String[] MODULE_CLASSES = {
        "io.gannet.Context",                             // io.gannet.core
        "io.gannet.patterns.StandardSocketTypes",        // io.gannet.patterns
        "io.gannet.transports.tcp.TcpTransport",         // io.gannet.transports
        "io.netty.buffer.ByteBuf",                       // io.netty.buffer
        "io.netty.util.ReferenceCounted",                // io.netty.common
        "org.jctools.queues.MpscArrayQueue",             // org.jctools.core
        "org.bouncycastle.crypto.engines.Salsa20Engine", // org.bouncycastle.provider: CURVE's crypto
        "org.slf4j.Logger",                              // org.slf4j
        "org.slf4j.simple.SimpleLogger",                 // org.slf4j.simple: the application's binding
    };

    @Test
    void applicationRunsFromTheModulePath(@TempDir Path dir) throws Exception {
        String modulePath = modulePath();
        Path sources = copyApp(dir.resolve("src"));
        Path classes = dir.resolve("classes");
        compile(sources, classes, modulePath);

        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (Runtime.version().feature() >= 23) {
            // Netty 4.1 uses sun.misc.Unsafe, which JDK 24+ warns about unless allowed (README).
            cmd.add("--sun-misc-unsafe-memory-access=allow");
        }
        cmd.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        cmd.add("--module-path");
        cmd.add(modulePath + File.pathSeparator + classes);
        cmd.add("-m");
        cmd.add(APP + "/app.hello.Main");
        Path stderr = dir.resolve("stderr.txt");
        Process p = new ProcessBuilder(cmd).redirectError(stderr.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the application did not finish");
        String err = Files.readString(stderr, StandardCharsets.UTF_8);
        String report = "stdout:\n" + out + "stderr:\n" + err;

        assertEquals(0, p.exitValue(), report);
        assertTrue(out.contains("tcp: Hello, World"), report);
        assertTrue(out.contains("inproc: Hello, World"), report);
        assertTrue(out.contains("module: " + APP), report);
        // No NoClassDefFoundError for sun/misc/Unsafe, no Netty "low-level API" warning, no
        // slf4j complaint: nothing at all on stderr.
        assertEquals("", err, report);
    }

    private static String modulePath() throws ClassNotFoundException, URISyntaxException {
        List<String> entries = new ArrayList<>();
        for (String name : MODULE_CLASSES) {
            Class<?> c = Class.forName(name, false, ModulePathIT.class.getClassLoader());
            assertNotNull(c.getProtectionDomain().getCodeSource(), name);
            String entry = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
            if (!entries.contains(entry)) {
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static Path copyApp(Path target) throws IOException {
        for (String file : new String[] {"module-info.java", "app/hello/Main.java"}) {
            Path to = target.resolve(file);
            Files.createDirectories(to.getParent());
            try (InputStream in = ModulePathIT.class.getResourceAsStream("/modular-app/" + APP + "/" + file)) {
                assertNotNull(in, file);
                Files.copy(in, to);
            }
        }
        return target;
    }

    private static void compile(Path sources, Path classes, String modulePath) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "no system Java compiler: run the tests with a JDK");
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int status = javac.run(null, diagnostics, diagnostics, "-d", classes.toString(), "--module-path", modulePath,
                "-Xlint:all", "-Werror",
                sources.resolve("module-info.java").toString(),
                sources.resolve("app/hello/Main.java").toString());
        assertEquals(0, status, "javac failed:\n" + diagnostics.toString(StandardCharsets.UTF_8));
    }
}
