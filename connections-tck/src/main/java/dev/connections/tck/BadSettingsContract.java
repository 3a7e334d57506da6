package dev.connections.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connections.spi.Connector;
import dev.connections.spi.ConnectorException;
import dev.connections.spi.ConnectorSession;
import dev.connections.spi.SettingSpec;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * How a connector answers settings that cannot work: {@code open}, or else the session's {@code test()}, fails with a
 * {@link ConnectorException} of kind CONFIGURATION (or another kind the case allows), whose message a person can act
 * on and which repeats no secret setting value; {@code objects()} on such a session succeeds or fails the same way. A
 * raw runtime exception ({@code NoSuchElementException}, {@code InvalidPathException}, {@code NumberFormatException})
 * fails the contract: the engine could not tell the owner what to fix. A connector proves it with a small test class in
 * its own module that describes the connector under test (a {@link ConnectorSubject}, which its other suites share)
 * and lists malformed settings:
 *
 * <pre>{@code
 * class CsvBadSettingsContractTest extends BadSettingsContract {
 *     protected ConnectorSubject<?> subject() {
 *         return ConnectorSubject.of(CsvConnector.allowingRoots(folder), Map.of("folder", folder.toString()));
 *     }
 *     protected List<BadSettings> badSettings() {
 *         return List.of(BadSettings.of("an unknown delimiter", with("delimiter", "::")),
 *                 BadSettings.of("a folder that does not exist", with("folder", folder.resolve("gone").toString())));
 *     }
 * }
 * }</pre>
 *
 * <p>Besides the listed cases, each required setting without a default is tried left out and blank. Each case runs as a
 * test of its own, named by its description, with a session opened on a context from
 * {@link ConnectorSubject#newContext} for the case's settings. JUnit makes one instance per test and runs its tests on
 * one thread.
 */
public abstract class BadSettingsContract {

    /**
     * Settings that cannot work, and the kinds of failure they may give.
     *
     * @param description what is wrong, e.g. "an unknown delimiter"; names the test
     * @param settings    every setting of the case; never null
     * @param kinds       the kinds the failure may have; not empty
     */
    public record BadSettings(String description, Map<String, String> settings, Set<ConnectorException.Kind> kinds) {

        /**
         * @param description what is wrong; names the test
         * @param settings    every setting of the case; copied
         * @param kinds       the kinds the failure may have; copied
         * @throws IllegalArgumentException when no kind is allowed
         */
        public BadSettings {
            Objects.requireNonNull(description, "description");
            settings = Map.copyOf(settings);
            if (kinds.isEmpty()) {
                throw new IllegalArgumentException("a case allows at least one kind of failure");
            }
            kinds = Set.copyOf(kinds);
        }

        /**
         * @param description what is wrong; names the test
         * @param settings    every setting of the case
         * @return a case that must fail with CONFIGURATION
         */
        public static BadSettings of(String description, Map<String, String> settings) {
            return new BadSettings(description, settings, Set.of(ConnectorException.Kind.CONFIGURATION));
        }

        /**
         * @param kind another kind this case may fail with, e.g. AUTHENTICATION for a setting that only an
         *             authorization sets
         * @return this case allowing that kind too
         */
        public BadSettings orKind(ConnectorException.Kind kind) {
            Set<ConnectorException.Kind> more = EnumSet.copyOf(kinds);
            more.add(kind);
            return new BadSettings(description, settings, more);
        }
    }

    /**
     * @return the connector under test, a working connection's settings (the cases change them), and how a session's
     *         context is made; never null
     */
    protected abstract ConnectorSubject<?> subject();

    /** @return malformed settings (a value of the wrong form, a folder that does not exist...); never null */
    protected abstract List<BadSettings> badSettings();

    /**
     * @param key   the setting
     * @param value its value in the case
     * @return the subject's settings with that setting set to {@code value}
     */
    protected final Map<String, String> with(String key, String value) {
        Map<String, String> settings = new HashMap<>(settings());
        settings.put(key, value);
        return settings;
    }

    /**
     * @param key the setting to leave out
     * @return the subject's settings without that setting
     */
    protected final Map<String, String> without(String key) {
        Map<String, String> settings = new HashMap<>(settings());
        settings.remove(key);
        return settings;
    }

    @Test
    void theWorkingSettingsOpenASessionThatPassesTheTest() {
        try (ConnectorSession session = connector().open(subject().newContext(settings()))) {
            assertThat(session.test()).isNotNull();
        }
    }

    @Test
    void theCasesHaveUniqueDescriptions() {
        assertThat(badSettings()).isNotEmpty().extracting(BadSettings::description).doesNotHaveDuplicates();
    }

    @TestFactory
    Stream<DynamicTest> badSettingsFailWithAConnectorExceptionOfTheirKind() {
        return badSettings().stream().map(bad -> DynamicTest.dynamicTest(bad.description(), () -> check(bad)));
    }

    @TestFactory
    Stream<DynamicTest> aRequiredSettingLeftOutOrBlankFailsWithConfiguration() {
        List<BadSettings> cases = new ArrayList<>();
        for (SettingSpec spec : connector().descriptor().settings()) {
            if (spec.required() && spec.defaultValue() == null) {
                cases.add(BadSettings.of("without " + spec.key(), without(spec.key())));
                cases.add(BadSettings.of("with a blank " + spec.key(), with(spec.key(), " ")));
            }
        }
        return cases.stream().map(bad -> DynamicTest.dynamicTest(bad.description(), () -> check(bad)));
    }

    private Connector connector() {
        return subject().connector();
    }

    private Map<String, String> settings() {
        return subject().settings();
    }

    private void check(BadSettings bad) {
        Throwable failure = null;
        ConnectorSession session = null;
        try {
            session = connector().open(subject().newContext(bad.settings()));
        } catch (RuntimeException e) {
            failure = e;
        }
        if (session != null) {
            try (ConnectorSession opened = session) {
                try {
                    opened.test();
                } catch (RuntimeException e) {
                    failure = e;
                }
                assertThat(failure).as("a session on %s passed test()", bad.description()).isNotNull();
                try {
                    opened.objects();
                } catch (RuntimeException e) {
                    assertFailure(bad, e, "objects()");
                }
            }
        }
        assertFailure(bad, failure, session == null ? "open" : "test()");
    }

    private void assertFailure(BadSettings bad, Throwable failure, String call) {
        assertThat(failure).as("what %s threw for %s: a ConnectorException, not %s", call, bad.description(), failure)
                .isInstanceOf(ConnectorException.class);
        ConnectorException e = (ConnectorException) failure;
        assertThat(e.kind()).as("kind of the failure of %s for %s: %s", call, bad.description(), e.getMessage())
                .isIn(bad.kinds());
        assertThat(e.getMessage()).as("message of the failure of %s for %s", call, bad.description()).isNotBlank();
        String messages = Contracts.messages(e);
        for (String secret : secretValues(bad)) {
            assertThat(messages).as("the failure of %s for %s repeats a secret setting's value", call,
                    bad.description()).doesNotContain(secret);
        }
    }

    private List<String> secretValues(BadSettings bad) {
        List<String> values = new ArrayList<>();
        for (SettingSpec spec : connector().descriptor().settings()) {
            if (spec.secret()) {
                for (Map<String, String> settings : List.of(bad.settings(), settings())) {
                    String value = settings.get(spec.key());
                    if (value != null && !value.isBlank()) {
                        values.add(value.strip());
                    }
                }
            }
        }
        return values;
    }
}
