package dev.payledger.jdbc;

/**
 * The one unchecked exception of payledger-jdbc: the database could not be reached, refused a statement for
 * a reason the ports do not turn into a result, or kept failing a transaction after its retries. Messages
 * name hosts and databases, never passwords.
 */
public class DatabaseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DatabaseException(String message) {
        super(message);
    }

    public DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
