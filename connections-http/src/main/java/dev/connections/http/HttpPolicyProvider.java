package dev.connections.http;

/**
 * Implemented by a {@link dev.connections.spi.Connector} that knows how its service wants to be called, e.g. QuickBooks
 * Online allows 10 concurrent requests per company, and identifies each answer by its {@code intuit_tid} header. A
 * policy the host gives with {@code Connections.builder().httpPolicy(serviceId, policy)} wins over this one (keeping
 * this one's {@link ServiceHttp.Policy#correlationHeaders() correlation headers} when it names none); without either,
 * {@link ServiceHttp.Policy#DEFAULT} applies.
 */
public interface HttpPolicyProvider {

    /** @return the connector's own policy; never null, the same value on every call */
    ServiceHttp.Policy httpPolicy();
}
