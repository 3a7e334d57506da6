package dev.connections.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.connections.spi.Connector;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The layout of docs/architecture.md as rules, written once against a root package: {@code dev.connections} for the
 * SDK itself ({@link ArchitectureTest}), {@code dev.connections.archfixture} for the bad fixtures that prove each rule
 * can fail ({@link RulesCanFailTest}). Below the root the packages are named as in the SDK: {@code api}, {@code spi},
 * {@code http}, {@code core}, {@code core.internal}, and the connector and storage modules {@code csv},
 * {@code salesforce}, {@code quickbooks}, {@code jdbc}.
 *
 * @param root            the root package
 * @param publicCoreTypes the public types of {@code core} outside {@code core.internal}, by binary name
 *                        ({@code Outer$Nested} for a nested type): the ones meant for hosts
 */
record Rules(String root, Set<String> publicCoreTypes) {

    /** The modules whose code is a connector's or a storage's: they need the api and spi (and http), never core. */
    private static final List<String> PLUGIN_MODULES = List.of("csv", "salesforce", "quickbooks", "jdbc");

    /** No package of the root depends, directly or through others, on itself. */
    ArchRule noPackageCycles() {
        return classes().that().resideInAPackage(root + "..")
                .should(new NoCycles("the packages of " + root, c -> within(c, root) ? c.getPackageName() : null))
                .because("a package is a layer: each depends on those below it, never on those above");
    }

    /**
     * No top-level class of core depends, directly or through others, on itself; a nested class counts as its outer
     * class.
     */
    ArchRule noClassCyclesInCore() {
        String core = root + ".core";
        return classes().that().resideInAPackage(core + "..")
                .should(new NoCycles("the top-level classes of " + core + " (a nested class counts as its outer "
                        + "class)", c -> within(c, core) ? topLevel(c).getName() : null))
                .because("two classes that call each other are one rule with two owners: give each collaborator the "
                        + "narrow thing it needs (an interface, a function, a value) instead");
    }

    /**
     * Connector and storage code (the connector and storage modules, and any class implementing
     * {@link Connector}, with its nested classes) does not depend on core at all.
     */
    ArchRule pluginsDoNotDependOnCore() {
        String[] plugins = PLUGIN_MODULES.stream().map(m -> root + "." + m + "..").toArray(String[]::new);
        return noClasses().that().resideInAnyPackage(plugins).or(connectorCode())
                .should().dependOnClassesThat().resideInAPackage(root + ".core..")
                .because("connectors and storages are written against the api, spi and http modules only: the "
                        + "engine behind them is free to change");
    }

    /** Nothing outside core depends on core's internal packages. */
    ArchRule nothingOutsideCoreUsesItsInternals() {
        return noClasses().that().resideOutsideOfPackage(root + ".core..")
                .should().dependOnClassesThat().resideInAPackage(root + ".core.internal..")
                .because("core.internal is the engine, free to change; hosts use Connections and its services");
    }

    /** The api (what hosts and connectors share) depends on nothing of the SDK but itself. */
    ArchRule apiDependsOnItselfOnly() {
        return noClasses().that().resideInAPackage(root + ".api..")
                .should().dependOnClassesThat(sdkOutside(root + ".api"))
                .because("the api is what every other module builds on: hosts see it without the spi or engine");
    }

    /** The spi and the http module never depend on core. */
    ArchRule spiAndHttpDoNotDependOnCore() {
        return noClasses().that().resideInAnyPackage(root + ".spi..", root + ".http..")
                .should().dependOnClassesThat().resideInAPackage(root + ".core..")
                .because("core implements the spi and the http module; they do not know it");
    }

    /** The public types of core outside {@code core.internal} are exactly the ones meant for hosts. */
    ArchRule corePublicTypesAreTheHostsOnly() {
        return classes().that().resideInAPackage(root + ".core..")
                .and().resideOutsideOfPackage(root + ".core.internal..")
                .and().arePublic()
                .should(beOneOf(publicCoreTypes))
                .because("every public type outside internal is meant for hosts; a new one is added to the list on "
                        + "purpose, with its javadoc, or it moves to internal");
    }

    /** A class that implements {@link Connector}, or is nested in one (its session, its helpers). */
    private static DescribedPredicate<JavaClass> connectorCode() {
        return DescribedPredicate.describe("are connector code (implement " + Connector.class.getSimpleName()
                + ", or are nested in a class that does)", c -> topLevel(c).isAssignableTo(Connector.class));
    }

    /** A class of the SDK (below the root) outside the given package and its subpackages. */
    private DescribedPredicate<JavaClass> sdkOutside(String pkg) {
        return DescribedPredicate.describe("are in " + root + ".. but outside " + pkg + "..",
                c -> within(c, root) && !within(c, pkg));
    }

    /** @return whether the class is in the package or one of its subpackages */
    private static boolean within(JavaClass c, String pkg) {
        String name = c.getPackageName();
        return name.equals(pkg) || name.startsWith(pkg + ".");
    }

    private static JavaClass topLevel(JavaClass c) {
        JavaClass outer = c;
        while (outer.getEnclosingClass().isPresent()) {
            outer = outer.getEnclosingClass().get();
        }
        return outer;
    }

    private static ArchCondition<JavaClass> beOneOf(Set<String> allowed) {
        return new ArchCondition<>("be one of " + new TreeSet<>(allowed)) {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                boolean ok = allowed.contains(c.getName());
                events.add(new SimpleConditionEvent(c, ok, c.getName() + (ok ? " is" : " is not")
                        + " a public type meant for hosts"));
            }
        };
    }
}
