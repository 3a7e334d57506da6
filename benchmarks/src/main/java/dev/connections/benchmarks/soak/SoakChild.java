package dev.connections.benchmarks.soak;

import dev.connections.api.ConnectedTable;
import dev.connections.api.ConnectionsException;
import dev.connections.api.Filter;
import dev.connections.api.SourceField;
import dev.connections.core.Connections;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * What the soak kills: an SDK instance whose two threads refresh the soak's tables and change their definitions
 * (adding and taking away a field, putting a filter on and off) at random, forever. It says on stdout each step it
 * starts, so that the parent kills it in a random one of them, at a random time after it started.
 *
 * <p>Arguments: the database ({@code h2} or {@code postgresql}), its locator, the exports folder, a seed.
 */
public final class SoakChild {

    static final String MARK = "soak> ";

    private SoakChild() {
    }

    public static void main(String[] args) {
        Path exports = Path.of(args[2]);
        Random random = new Random(Long.parseLong(args[3]));
        Connections sdk = SoakSdk.builder(args[0], args[1], exports, false).build();
        sdk.tables().list(SoakSdk.OWNER); // the storage is open
        say("ready");
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            long seed = random.nextLong();
            Thread t = new Thread(() -> work(sdk, new Random(seed)), "soak-worker-" + i);
            workers.add(t);
            t.start();
        }
        sdk.connections(); // keep the instance reachable while the workers run; only a kill ends this process
    }

    private static void work(Connections sdk, Random random) {
        List<ConnectedTable> tables = sdk.tables().list(SoakSdk.OWNER);
        while (true) {
            ConnectedTable t = sdk.tables().list(SoakSdk.OWNER).get(random.nextInt(tables.size()));
            int action = random.nextInt(100);
            try {
                if (action < 70) {
                    say("refreshing " + t.id().value());
                    say("refreshed " + t.id().value() + " " + sdk.tables().refresh(SoakSdk.OWNER, t.id()).status());
                } else if (action < 85) {
                    List<String> fields = new ArrayList<>(SoakSource.ALWAYS);
                    boolean had = t.fields().stream().map(SourceField::name).anyMatch(SoakSource.TOGGLED::equals);
                    if (!had) {
                        fields.add(SoakSource.TOGGLED);
                    }
                    say("defining fields " + t.id().value());
                    sdk.tables().updateFields(SoakSdk.OWNER, t.id(), fields, List.of("id"));
                    say("defined " + t.id().value());
                } else {
                    Filter next = t.filter() instanceof Filter.All ? Filter.parse(SoakSource.FILTER) : Filter.all();
                    say("defining filter " + t.id().value());
                    sdk.tables().updateFilter(SoakSdk.OWNER, t.id(), next);
                    say("defined " + t.id().value());
                }
            } catch (ConnectionsException e) {
                say("refused " + e.reason()); // the other thread holds the table: a CONFLICT, nothing changed
            }
        }
    }

    static void say(String line) {
        synchronized (System.out) {
            System.out.println(MARK + line);
            System.out.flush();
        }
    }
}
