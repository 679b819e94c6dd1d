package io.opentdf.xtest;

/** A bad command line: the CLI exits 2. */
final class UsageException extends Exception {
    UsageException(String message) {
        super(message);
    }
}
