package dev.connections.core.http;

/**
 * Implemented by a {@link dev.connections.spi.Connector} that knows how its service wants to be called, e.g. QuickBooks
 * Online allows 10 concurrent requests per company. A policy the host gives with
 * {@code Connections.builder().httpPolicy(serviceId, policy)} wins over this one; without either,
 * {@link ServiceHttp.Policy#DEFAULT} applies.
 */
public interface HttpPolicyProvider {

    /** @return the connector's own policy; never null, the same value on every call */
    ServiceHttp.Policy httpPolicy();
}
