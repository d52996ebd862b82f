package io.gannet.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.SocketOption;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/options.md must be exactly what the generator makes from the current SocketOption. */
class OptionsDocTest {
    /** Surefire runs in the module directory; the repository root is its parent. */
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @Test
    void optionsReferenceIsUpToDate() throws Exception {
        String expected = OptionsDoc.generate(ROOT);
        Path file = ROOT.resolve(OptionsDoc.TARGET);
        if (Boolean.getBoolean("gannet.docs.update")) {
            Files.writeString(file, expected, StandardCharsets.UTF_8);
        }
        String actual = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        assertEquals(expected, actual, OptionsDoc.TARGET + " is out of date with SocketOption; regenerate it with\n"
                + "  mvn -B -q -pl core,patterns,transports,examples -am test -Dtest=OptionsDocTest"
                + " -Dsurefire.failIfNoSpecifiedTests=false -Dgannet.docs.update=true\n"
                + "or: java -cp examples/target/gannet.jar io.gannet.docs.OptionsDoc");
    }

    @Test
    void everyOptionIsListedWithItsDescription() throws Exception {
        String doc = OptionsDoc.generate(ROOT);
        for (SocketOption<?> o : SocketOption.all()) {
            assertTrue(doc.contains("| `" + o.name() + "` |"), o.name());
        }
        assertTrue(doc.contains("| `SNDHWM` | int | `1000` | all | High-water mark for outbound messages"), doc);
    }
}
