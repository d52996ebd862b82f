package io.gannet.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gannet.cli.Gannet;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * bom/pom.xml has no parent (so that importing it brings only Gannet's versions): its own
 * version and list must be kept in step with the build by hand, and this test checks both.
 */
class BomTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @Test
    void bomManagesTheThreeLibraryArtifactsAtTheBuildsVersion() throws Exception {
        String bom = Files.readString(ROOT.resolve("bom/pom.xml"), StandardCharsets.UTF_8);
        Properties built = new Properties();
        try (var in = Gannet.class.getResourceAsStream("version.properties")) {
            built.load(in);
        }
        Matcher own = Pattern.compile("<artifactId>gannet-bom</artifactId>\\s*<version>([^<]+)</version>").matcher(bom);
        assertEquals(true, own.find(), bom);
        assertEquals(built.getProperty("version"), own.group(1), "gannet-bom's version differs from the build's");

        List<String> managed = new ArrayList<>();
        Matcher m = Pattern.compile("<groupId>io.gannet</groupId>\\s*<artifactId>([^<]+)</artifactId>\\s*"
                + "<version>\\$\\{project.version}</version>").matcher(bom);
        while (m.find()) {
            managed.add(m.group(1));
        }
        assertEquals(List.of("gannet-core", "gannet-patterns", "gannet-transports"), managed);
    }
}
