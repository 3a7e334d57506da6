package dev.connections.salesforce;

import dev.connections.spi.ConnectorException;

/** A {@link ConnectorException} from an error response, with Salesforce's error code for the connector to act on. */
final class SalesforceException extends ConnectorException {

    private static final long serialVersionUID = 1L;

    private final String errorCode;

    SalesforceException(String errorCode, ConnectorException mapped) {
        super(mapped.kind(), mapped.getMessage(), mapped.location(), mapped.retryAfter(), null);
        this.errorCode = errorCode;
    }

    /** @return Salesforce's errorCode (or OAuth error), e.g. {@code INVALID_REPLICATION_DATE} */
    String errorCode() {
        return errorCode;
    }
}
