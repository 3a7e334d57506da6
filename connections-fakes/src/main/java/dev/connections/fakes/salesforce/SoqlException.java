package dev.connections.fakes.salesforce;

/** A query Salesforce refuses: sent back as HTTP 400 with a JSON array body of one error. */
final class SoqlException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String errorCode;

    SoqlException(String errorCode, String message) {
        super(message);
        this.errorCode = errorCode;
    }

    String errorCode() {
        return errorCode;
    }
}
