package dev.connections.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Each rule of {@link ArchitectureTest}, run against the deliberately bad fixtures of
 * {@code dev.connections.archfixture} (laid out below that root as the SDK is below {@code dev.connections}), reports
 * what it forbids, and only that. The fixtures are test classes, which the real rules never import.
 */
class RulesCanFailTest {

    private static final String ROOT = "dev.connections.archfixture";
    private static final JavaClasses FIXTURES = new ClassFileImporter().importPackages(ROOT);
    private static final Rules RULES = new Rules(ROOT, Set.of(ROOT + ".core.Sdk"));

    @Test
    void aPackageCycleIsReportedThoughNoClassCycleMakesIt() {
        List<String> violations = violations(RULES.noPackageCycles());

        assertThat(violations).singleElement().asString()
                .contains("Cycle: " + ROOT + ".cycle.left -> " + ROOT + ".cycle.right -> " + ROOT + ".cycle.left")
                .contains("in (Left.java:").contains(ROOT + ".cycle.left.LeftToo").contains("in (Right.java:");
    }

    @Test
    void aClassCycleInCoreIsReportedWithNestedClassesCountedAsTheirOuterClass() {
        List<String> violations = violations(RULES.noClassCyclesInCore());

        assertThat(violations).singleElement().asString()
                .contains("Cycle: " + ROOT + ".core.internal.Helper -> " + ROOT + ".core.internal.Hidden -> " + ROOT
                        + ".core.internal.Helper")
                .contains("Helper$Back.hidden()");
    }

    @Test
    void connectorAndStorageCodeDependingOnCoreIsReported() {
        List<String> violations = violations(RULES.pluginsDoNotDependOnCore());

        assertThat(violations).anyMatch(v -> v.contains(ROOT + ".csv.BadConnector") && v.contains("Hidden"))
                .anyMatch(v -> v.contains(ROOT + ".jdbc.BadStorage") && v.contains("Sdk"))
                .anyMatch(v -> v.contains(ROOT + ".examples.FakeConnector$Session") && v.contains("Sdk"))
                .noneMatch(v -> v.contains("HostCode") || v.contains("http.Client") || v.contains("spi.Plugin"));
    }

    @Test
    void codeOutsideCoreImportingCoreInternalsIsReported() {
        List<String> violations = violations(RULES.nothingOutsideCoreUsesItsInternals());

        assertThat(violations).anyMatch(v -> v.contains(ROOT + ".csv.BadConnector"))
                .anyMatch(v -> v.contains(ROOT + ".http.Client"))
                .allMatch(v -> v.contains("core.internal.Hidden"))
                .noneMatch(v -> v.startsWith("Method <" + ROOT + ".core") || v.contains("BadStorage"));
    }

    @Test
    void theApiDependingOnTheSpiIsReported() {
        List<String> violations = violations(RULES.apiDependsOnItselfOnly());

        assertThat(violations).isNotEmpty().allMatch(v -> v.contains(ROOT + ".api.Value")
                && v.contains(ROOT + ".spi.Plugin"));
    }

    @Test
    void theSpiOrHttpDependingOnCoreIsReported() {
        List<String> violations = violations(RULES.spiAndHttpDoNotDependOnCore());

        assertThat(violations).anyMatch(v -> v.contains(ROOT + ".spi.Plugin") && v.contains("core.Sdk"))
                .anyMatch(v -> v.contains(ROOT + ".http.Client") && v.contains("core.internal.Hidden"));
    }

    @Test
    void aPublicCoreTypeThatIsNotOnTheListIsReported() {
        List<String> violations = violations(RULES.corePublicTypesAreTheHostsOnly());

        assertThat(violations).containsExactly(ROOT + ".core.Extra is not a public type meant for hosts");
    }

    private static List<String> violations(ArchRule rule) {
        EvaluationResult result = rule.evaluate(FIXTURES);
        assertThat(result.hasViolation()).as(rule.getDescription()).isTrue();
        return result.getFailureReport().getDetails();
    }
}
