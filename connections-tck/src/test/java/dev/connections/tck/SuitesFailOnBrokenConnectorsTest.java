package dev.connections.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connections.api.Filter;
import dev.connections.api.SourceObject;
import dev.connections.api.SourceSchema;
import dev.connections.spi.Account;
import dev.connections.spi.Connector;
import dev.connections.spi.ConnectorContext;
import dev.connections.spi.ConnectorDescriptor;
import dev.connections.spi.ConnectorException;
import dev.connections.spi.ConnectorSession;
import dev.connections.spi.ReadRequest;
import dev.connections.spi.ReadResult;
import dev.connections.spi.RecordSink;
import dev.connections.spi.Row;
import dev.connections.spi.SettingSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The suites fail a connector that breaks what they check: each nested class runs a suite on a {@link ListConnector}
 * with one fault, through the JUnit launcher, and the named test must be among the failures. The nested classes run
 * only when launched from here ({@link BrokenOnPurpose}), not when a build or an IDE finds them.
 */
class SuitesFailOnBrokenConnectorsTest {

    private static final String LAUNCHED_HERE = "dev.connections.tck.brokenOnPurpose";

    /** Runs a test class only when this test launches it. */
    static final class BrokenOnPurpose implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(LAUNCHED_HERE).isPresent()
                    ? ConditionEvaluationResult.enabled("launched by SuitesFailOnBrokenConnectorsTest")
                    : ConditionEvaluationResult.disabled("a connector broken on purpose, for "
                            + "SuitesFailOnBrokenConnectorsTest to launch");
        }
    }

    @Test
    void badSettingsFailsAConnectorThatThrowsARawRuntimeException() {
        assertThat(failures(RawExceptionOnBadSettings.class)).contains("a page size that is not a number");
    }

    @Test
    void badSettingsFailsAConnectorThatRepeatsASecretValue() {
        assertThat(failures(SecretInTheMessage.class)).contains("with a blank page");
    }

    @Test
    void deletesFailsAConnectorThatDropsItsDeletions() {
        assertThat(failures(DeletionsDropped.class))
                .contains("anIncrementalReadReportsARecordDeletedAtTheSourceByItsRefreshKey()");
    }

    @Test
    void filterPushdownFailsAConnectorWhoseServiceDropsRecordsWithoutAValue() {
        assertThat(failures(NullsDroppedByTheService.class)).contains("customer != 'Bob'");
    }

    /** @return the display names of the tests of the class that failed */
    private static List<String> failures(Class<?> suite) {
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectClass(suite)).configurationParameter(LAUNCHED_HERE, "true")
                .build(), new TestExecutionListener[] {summary});
        TestExecutionSummary result = summary.getSummary();
        assertThat(result.getTestsFoundCount()).as("tests of %s", suite.getSimpleName()).isPositive();
        return result.getFailures().stream().map(f -> f.getTestIdentifier().getDisplayName()).toList();
    }

    /** A page size that is not a number escapes as a NumberFormatException. */
    @ExtendWith(BrokenOnPurpose.class)
    static class RawExceptionOnBadSettings extends BadSettingsContract {
        @Override
        protected ConnectorSubject<?> subject() {
            return ListConnector.subject(new Opening(new ListConnector(), context -> {
                Integer.parseInt(context.setting("page").orElse("100"));
                return context;
            }));
        }

        @Override
        protected List<BadSettings> badSettings() {
            return List.of(BadSettings.of("a page size that is not a number", with("page", "lots")));
        }
    }

    /** The failure for a blank page size names the token. */
    @ExtendWith(BrokenOnPurpose.class)
    static class SecretInTheMessage extends BadSettingsContract {
        @Override
        protected ConnectorSubject<?> subject() {
            ListConnector list = new ListConnector();
            ConnectorDescriptor d = list.descriptor();
            ConnectorDescriptor required = new ConnectorDescriptor(d.id(), d.displayName(), d.authKind(),
                    List.of(d.settings().get(0), SettingSpec.required("page", "Page", "size")),
                    d.capabilities(), d.accountPolicy());
            Connector connector = new Opening(list, context -> {
                if (context.setting("page").orElse("").isBlank()) {
                    throw new ConnectorException(ConnectorException.Kind.CONFIGURATION,
                            "No page size for token " + context.setting("token").orElse(""));
                }
                return context;
            }) {
                @Override
                public ConnectorDescriptor descriptor() {
                    return required;
                }
            };
            return ConnectorSubject.of(connector, Map.of("token", "secret-token", "page", "10"));
        }

        @Override
        protected List<BadSettings> badSettings() {
            return List.of(BadSettings.of("a page size of 0", with("page", "0")));
        }
    }

    /** Incremental reads lose the deletions on the way. */
    @ExtendWith(BrokenOnPurpose.class)
    static class DeletionsDropped extends ListDeletesContractTest {
        @Override
        protected ConnectorSubject<?> subject() {
            ConnectorSubject<?> list = super.subject();
            return list.withConnector(new Reading(list.connector(), sink -> new RecordSink() {
                @Override
                public void accept(Row row) {
                    sink.accept(row);
                }

                @Override
                public void deleted(Object... key) {
                }
            }));
        }
    }

    /** A filtered read loses the records that have a null value, as a SQL service does for {@code !=}. */
    @ExtendWith(BrokenOnPurpose.class)
    static class NullsDroppedByTheService extends ListFilterPushdownContractTest {
        @Override
        protected ConnectorSubject<?> subject() {
            ConnectorSubject<?> list = super.subject();
            return list.withConnector(new Reading(list.connector(), sink -> new RecordSink() {
                @Override
                public void accept(Row row) {
                    if (Arrays.stream(row.values()).allMatch(Objects::nonNull)) {
                        sink.accept(row);
                    }
                }

                @Override
                public void deleted(Object... key) {
                    sink.deleted(key);
                }
            }) {
                @Override
                ReadResult read(ConnectorSession session, ReadRequest request, RecordSink sink) {
                    return request.filter() == Filter.all() ? session.read(request, sink)
                            : super.read(session, request, sink);
                }
            });
        }
    }

    /** A connector that checks or changes the context before the list connector opens its session. */
    private static class Opening implements Connector {
        private final Connector list;
        private final UnaryOperator<ConnectorContext> check;

        Opening(Connector list, UnaryOperator<ConnectorContext> check) {
            this.list = list;
            this.check = check;
        }

        @Override
        public ConnectorDescriptor descriptor() {
            return list.descriptor();
        }

        @Override
        public ConnectorSession open(ConnectorContext context) {
            return list.open(check.apply(context));
        }
    }

    /** A connector whose reads go to another sink than the one given. */
    private static class Reading implements Connector {
        private final Connector list;
        private final UnaryOperator<RecordSink> sinks;

        Reading(Connector list, UnaryOperator<RecordSink> sinks) {
            this.list = list;
            this.sinks = sinks;
        }

        @Override
        public ConnectorDescriptor descriptor() {
            return list.descriptor();
        }

        ReadResult read(ConnectorSession session, ReadRequest request, RecordSink sink) {
            return session.read(request, sinks.apply(sink));
        }

        @Override
        public ConnectorSession open(ConnectorContext context) {
            ConnectorSession session = list.open(context);
            return new ConnectorSession() {
                @Override
                public Account test() {
                    return session.test();
                }

                @Override
                public List<SourceObject> objects() {
                    return session.objects();
                }

                @Override
                public SourceSchema describe(String object) {
                    return session.describe(object);
                }

                @Override
                public ReadResult read(ReadRequest request, RecordSink sink) {
                    return Reading.this.read(session, request, sink);
                }

                @Override
                public void close() {
                    session.close();
                }
            };
        }
    }
}
