package org.thymus.core;

/**
 * A problem with what the user gave us (a file, a flag, a value), as opposed to a bug. Its message
 * is one line that names the problem and the file or flag; the CLI prints it and exits with code 2,
 * without a stack trace.
 */
public class InvalidInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
