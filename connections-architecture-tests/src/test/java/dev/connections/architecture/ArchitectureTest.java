package dev.connections.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The main code of every library module keeps the layout of docs/architecture.md. Tests are not imported (they may
 * reach into internals); {@link RulesCanFailTest} proves that each rule reports what it forbids.
 */
@AnalyzeClasses(packages = "dev.connections", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** What a host uses of connections-core; everything else of core is under {@code internal}. */
    static final Set<String> HOST_TYPES = Set.of(
            "dev.connections.core.Connections",
            "dev.connections.core.Connections$Builder",
            "dev.connections.core.ConnectionService",
            "dev.connections.core.TableService",
            "dev.connections.core.StandaloneHttp");

    /** A package of each library module's main code: the rules pass unseen over a module that is not imported. */
    private static final List<String> MODULE_PACKAGES = List.of("dev.connections.api", "dev.connections.spi",
            "dev.connections.spi.storage", "dev.connections.http", "dev.connections.core",
            "dev.connections.core.internal", "dev.connections.tck", "dev.connections.jdbc",
            "dev.connections.scheduler.db", "dev.connections.csv", "dev.connections.salesforce",
            "dev.connections.quickbooks", "dev.connections.fakes.quickbooks", "dev.connections.fakes.salesforce",
            "dev.connections.examples");

    private static final String ROOT_OF_FIXTURES = "dev.connections.archfixture";

    private static final Rules SDK = new Rules("dev.connections", HOST_TYPES);

    @ArchTest
    static void theMainCodeOfEveryLibraryModuleAndNoTestIsChecked(JavaClasses classes) {
        Set<String> packages = classes.stream().map(JavaClass::getPackageName).collect(Collectors.toSet());

        assertThat(packages).containsAll(MODULE_PACKAGES)
                .noneMatch(p -> p.startsWith("dev.connections.architecture") || p.startsWith(ROOT_OF_FIXTURES));
    }

    @ArchTest
    static final ArchRule packagesHaveNoCycles = SDK.noPackageCycles();

    @ArchTest
    static final ArchRule coreClassesHaveNoCycles = SDK.noClassCyclesInCore();

    @ArchTest
    static final ArchRule connectorsAndStoragesDoNotDependOnCore = SDK.pluginsDoNotDependOnCore();

    @ArchTest
    static final ArchRule nothingOutsideCoreUsesItsInternals = SDK.nothingOutsideCoreUsesItsInternals();

    @ArchTest
    static final ArchRule apiDependsOnItselfOnly = SDK.apiDependsOnItselfOnly();

    @ArchTest
    static final ArchRule spiAndHttpDoNotDependOnCore = SDK.spiAndHttpDoNotDependOnCore();

    @ArchTest
    static final ArchRule corePublicTypesAreTheHostsOnly = SDK.corePublicTypesAreTheHostsOnly();

    /** The other half of "exactly": a host type that went away (or stopped being public) leaves the list too. */
    @ArchTest
    static void everyListedHostTypeIsAPublicTypeOfCore(JavaClasses classes) {
        assertThat(HOST_TYPES).allSatisfy(name -> assertThat(classes.contain(name)
                && classes.get(name).getModifiers().contains(JavaModifier.PUBLIC)).as(name).isTrue());
    }
}
