package io.opentdf.xtest;

/** A requested feature the pinned SDK version cannot do: the CLI exits 1 and says which. */
final class UnsupportedByCliException extends Exception {
    UnsupportedByCliException(String message) {
        super(message);
    }
}
