package dev.connections.spi.storage;

/**
 * Thrown by {@link RefreshWriter#commit} when the writer's lease (its fence, see {@link TableData#begin}) no longer
 * holds: it ran out by the storage's clock, was taken by another holder, or was released. The commit changed
 * nothing. The engine records the refresh as failed with {@link dev.connections.api.FailureKind#CONFLICT}.
 */
public class LeaseLostException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what was found instead of the lease: another generation, an expiry, no lease */
    public LeaseLostException(String message) {
        super(message);
    }
}
