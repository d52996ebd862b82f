package io.gannet.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import io.gannet.Socket;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dependencies that must never exist, checked on the main classes of every module (this
 * module sees them all): core knows no socket type or transport, the two plug-in modules
 * know only core, the SPI never reaches into core's internals, the I/O side never sees the
 * socket class, and core's internal packages form no cycle.
 */
class ArchitectureTest {
    private static final String CORE_INTERNAL = "io.gannet.internal";
    /** The socket side of core: what the machinery serving endpoints must reach only through SocketPort. */
    private static final Set<String> SOCKET_CLASSES = Set.of("SocketImpl", "SocketGuard", "SocketOverloads",
            "SocketEndpoints", "SocketPipes");

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.gannet");
    }

    @Test
    void everyModuleIsImported() {
        // The rules below would pass on nothing; make sure each module's classes are there.
        for (String name : new String[] {"io.gannet.internal.SocketImpl", "io.gannet.internal.engine.Session",
                "io.gannet.patterns.StandardSocketTypes", "io.gannet.transports.tcp.TcpTransport"}) {
            assertTrue(classes.contain(name), name + " was not imported");
        }
    }

    @Test
    void coreNeverDependsOnPatternsOrTransports() {
        noClasses().that().resideInAnyPackage("io.gannet", "io.gannet.spi..", CORE_INTERNAL + "..")
                .should().dependOnClassesThat().resideInAnyPackage("io.gannet.patterns..", "io.gannet.transports..")
                .check(classes);
    }

    @Test
    void patternsNeverDependOnTransports() {
        noClasses().that().resideInAPackage("io.gannet.patterns..")
                .should().dependOnClassesThat().resideInAPackage("io.gannet.transports..")
                .check(classes);
    }

    @Test
    void transportsNeverDependOnPatterns() {
        noClasses().that().resideInAPackage("io.gannet.transports..")
                .should().dependOnClassesThat().resideInAPackage("io.gannet.patterns..")
                .check(classes);
    }

    @Test
    void spiNeverDependsOnCoreInternals() {
        noClasses().that().resideInAPackage("io.gannet.spi..")
                .should().dependOnClassesThat().resideInAPackage(CORE_INTERNAL + "..")
                .check(classes);
    }

    @Test
    void engineNeverSeesTheSocketClasses() {
        noClasses().that().resideInAPackage(CORE_INTERNAL + ".engine..")
                .should().dependOnClassesThat(socketClasses())
                .check(classes);
    }

    @Test
    void internalPackagesFormNoCycle() {
        slices().assignedFrom(internalPackages()).should().beFreeOfCycles().check(classes);
    }

    private static DescribedPredicate<JavaClass> socketClasses() {
        return DescribedPredicate.describe("are the socket classes " + SOCKET_CLASSES,
                c -> (c.getPackageName().equals(CORE_INTERNAL) && SOCKET_CLASSES.contains(c.getSimpleName()))
                        || c.isAssignableTo(Socket.class));
    }

    /** One slice per package under io.gannet.internal, the package itself included. */
    private static SliceAssignment internalPackages() {
        return new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass c) {
                String p = c.getPackageName();
                return p.equals(CORE_INTERNAL) || p.startsWith(CORE_INTERNAL + ".")
                        ? SliceIdentifier.of(p) : SliceIdentifier.ignore();
            }

            @Override
            public String getDescription() {
                return "the packages of " + CORE_INTERNAL;
            }
        };
    }
}
