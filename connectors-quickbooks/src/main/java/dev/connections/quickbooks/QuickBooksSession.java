package dev.connections.quickbooks;

import dev.connections.api.SourceField;
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
import java.util.List;

/**
 * One QuickBooks connection open for one operation. Makes no call before the first method that needs one. Used by one
 * thread at a time; holds nothing to release.
 */
final class QuickBooksSession implements ConnectorSession {

    private final ConnectorContext context;
    private final QuickBooksSettings settings;
    private final Catalog catalog;
    private final ChangeFeeds feeds;
    private final CompanyLimits limits;
    private final long maxAnswerBytes;
    private QuickBooksApi api;

    QuickBooksSession(ConnectorContext context, QuickBooksSettings settings, Catalog catalog, ChangeFeeds feeds,
                      CompanyLimits limits, long maxAnswerBytes) {
        this.context = context;
        this.settings = settings;
        this.catalog = catalog;
        this.feeds = feeds;
        this.limits = limits;
        this.maxAnswerBytes = maxAnswerBytes;
    }

    /** Reads the company info: proves the tokens work and the user may use the company's data. */
    @Override
    public Account test() {
        QuickBooksApi a = api();
        return new Account(a.realm(), a.companyName());
    }

    @Override
    public List<SourceObject> objects() {
        return catalog.objects();
    }

    @Override
    public SourceSchema describe(String object) {
        return entity(object).schema();
    }

    @Override
    public ReadResult read(ReadRequest request, RecordSink sink) {
        Catalog.Entity entity = entity(request.object());
        for (SourceField field : request.fields()) {
            if (entity.schema().field(field.name()).isEmpty()) {
                throw new ConnectorException(ConnectorException.Kind.NOT_FOUND, "The QuickBooks entity "
                        + entity.name() + " has no field '" + field.name() + "'.");
            }
        }
        ChangeFeed feed = feeds.of(context.connection(), context.clock().instant());
        return new EntityRead(api(), entity, request, sink, feed, context.clock()).run();
    }

    @Override
    public void close() {
        api = null;
    }

    private Catalog.Entity entity(String name) {
        return catalog.entity(name).orElseThrow(() -> new ConnectorException(ConnectorException.Kind.NOT_FOUND,
                "QuickBooks has no entity '" + name + "' that this connector reads. Entities: "
                        + catalog.objects().stream().map(SourceObject::name).toList() + "."));
    }

    private QuickBooksApi api() {
        if (api == null) {
            ServiceHttp http = ServiceHttp.from(context);
            String realm = settings.requireRealm();
            api = new QuickBooksApi(http, settings, limits.of(realm), context.clock(), maxAnswerBytes);
        }
        return api;
    }
}
