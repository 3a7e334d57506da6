package dev.connections.salesforce;

import com.squareup.moshi.JsonReader;
import dev.connections.api.SourceObject;
import dev.connections.api.SourceSchema;
import dev.connections.http.ServiceHttp;
import dev.connections.spi.Account;
import dev.connections.spi.ConnectorContext;
import dev.connections.spi.ConnectorException;
import dev.connections.spi.ConnectorSession;
import dev.connections.spi.ReadRequest;
import dev.connections.spi.ReadResult;
import dev.connections.spi.RecordSink;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** One Salesforce connection, open for one operation. Holds nothing open between calls. Not thread-safe. */
final class SalesforceSession implements ConnectorSession {

    private final ConnectorContext context;
    private final SalesforceSettings settings;
    private final BulkQuery.Pause pause;
    private final SalesforceLimits limits;
    private SalesforceApi api;

    SalesforceSession(ConnectorContext context, SalesforceSettings settings, BulkQuery.Pause pause,
                      SalesforceLimits limits) {
        this.context = context;
        this.settings = settings;
        this.pause = pause != null ? pause : duration -> ServiceHttp.from(context).sleeper().sleep(duration);
        this.limits = limits;
    }

    /**
     * Calls {@code /sobjects} (the token works and the API is enabled for the org and the user), then reads the
     * org's name.
     *
     * @return the org: its id, its name for people
     */
    @Override
    public Account test() {
        api().getJson(api().resource("sobjects"), "testing the connection", in -> {
            in.skipValue();
            return null;
        });
        String[] org = organization();
        String id = settings.orgId() != null ? settings.orgId() : org[0];
        if (id == null) {
            throw new ConnectorException(ConnectorException.Kind.CONFIGURATION, "Salesforce did not say which org "
                    + "the connection reaches: reauthorize the connection.");
        }
        return new Account(id, org[1] != null ? org[1] : "Salesforce org " + id);
    }

    /** @return the sObjects that are both queryable and replicateable, by name */
    @Override
    public List<SourceObject> objects() {
        return api().getJson(api().resource("sobjects"), "listing the objects", in -> {
            List<SourceObject> objects = new ArrayList<>();
            in.beginObject();
            while (in.hasNext()) {
                if (!in.nextName().equals("sobjects")) {
                    in.skipValue();
                    continue;
                }
                in.beginArray();
                while (in.hasNext()) {
                    SourceObject o = sobject(in);
                    if (o != null) {
                        objects.add(o);
                    }
                }
                in.endArray();
            }
            in.endObject();
            objects.sort(Comparator.comparing(SourceObject::name));
            return objects;
        });
    }

    @Override
    public SourceSchema describe(String object) {
        return SalesforceRead.describe(api(), object).schema();
    }

    @Override
    public ReadResult read(ReadRequest request, RecordSink sink) {
        return new SalesforceRead(api(), settings, context.clock(), pause).read(request, sink);
    }

    @Override
    public void close() {
        // every response is closed by the call that opened it
    }

    private SalesforceApi api() {
        if (api == null) {
            api = new SalesforceApi(ServiceHttp.from(context), settings.requireInstanceUrl(), settings.apiVersion(),
                    limits);
        }
        return api;
    }

    /** @return the org's Id and Name; nulls when the user may not read them */
    private String[] organization() {
        String[] org = new String[2];
        try {
            api().getJson(api().query("SELECT Id, Name FROM Organization", false), "reading the org's name", in -> {
                in.beginObject();
                while (in.hasNext()) {
                    if (!in.nextName().equals("records")) {
                        in.skipValue();
                        continue;
                    }
                    in.beginArray();
                    while (in.hasNext()) {
                        in.beginObject();
                        while (in.hasNext()) {
                            String name = in.nextName();
                            if (in.peek() == JsonReader.Token.STRING && name.equals("Id")) {
                                org[0] = in.nextString();
                            } else if (in.peek() == JsonReader.Token.STRING && name.equals("Name")) {
                                org[1] = in.nextString();
                            } else {
                                in.skipValue();
                            }
                        }
                        in.endObject();
                    }
                    in.endArray();
                }
                in.endObject();
                return null;
            });
        } catch (ConnectorException e) {
            if (e.kind() != ConnectorException.Kind.NOT_FOUND && e.kind() != ConnectorException.Kind.PERMISSION) {
                throw e;
            }
        }
        return org;
    }

    private static SourceObject sobject(JsonReader in) throws IOException {
        String name = null;
        String label = null;
        boolean queryable = false;
        boolean replicateable = false;
        in.beginObject();
        while (in.hasNext()) {
            String key = in.nextName();
            if (in.peek() == JsonReader.Token.NULL) {
                in.skipValue();
                continue;
            }
            switch (key) {
                case "name" -> name = in.nextString();
                case "label" -> label = in.nextString();
                case "queryable" -> queryable = in.nextBoolean();
                case "replicateable" -> replicateable = in.nextBoolean();
                default -> in.skipValue();
            }
        }
        in.endObject();
        return name != null && queryable && replicateable ? new SourceObject(name, label) : null;
    }
}
