package dev.connections.quickbooks;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;

/**
 * QuickBooks allows an app 10 concurrent requests per company. Every call of the connector holds a permit of its
 * company's semaphore while it is in flight, whichever connection, table or session makes it: the engine's budget is
 * per connection, and while a new connection supersedes an old one both may still be reading the same company.
 * Thread-safe.
 */
final class CompanyLimits {

    static final int CONCURRENT_PER_COMPANY = 10;

    private final ConcurrentMap<String, Semaphore> permits = new ConcurrentHashMap<>();

    Semaphore of(String realmId) {
        return permits.computeIfAbsent(realmId, r -> new Semaphore(CONCURRENT_PER_COMPANY, true));
    }
}
