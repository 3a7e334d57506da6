package dev.connections.fakes.salesforce;

import java.util.List;
import java.util.Objects;

/**
 * An sObject of the fake org. The fake adds the system fields every sObject has ({@code Id}, {@code IsDeleted},
 * {@code CreatedDate}, {@code LastModifiedDate}, {@code SystemModstamp}) when they are not given.
 *
 * @param name          the API name, e.g. {@code Account} or {@code Invoice__c}
 * @param label         for people
 * @param queryable     whether SOQL can read it
 * @param replicateable whether it supports replication (deleted/, SystemModstamp-based sync)
 * @param fields        its own fields
 */
public record FakeObject(String name, String label, boolean queryable, boolean replicateable,
                         List<FakeField> fields) {

    public FakeObject {
        Objects.requireNonNull(name, "name");
        label = label == null ? name : label;
        fields = List.copyOf(fields);
    }

    /** A queryable, replicateable object. */
    public static FakeObject of(String name, String label, FakeField... fields) {
        return new FakeObject(name, label, true, true, List.of(fields));
    }

    /** @return this object, but not replicateable (like {@code Organization}) */
    public FakeObject notReplicateable() {
        return new FakeObject(name, label, queryable, false, fields);
    }

    /** @return this object, but not queryable */
    public FakeObject notQueryable() {
        return new FakeObject(name, label, false, replicateable, fields);
    }
}
