package io.opentdf.xtest;

import java.nio.file.Path;

/**
 * Paths on the command line are relative to the caller's directory. The launcher runs the JVM from
 * the CLI's own directory (a relative class path, so one AppCDS archive fits every copy of the CLI)
 * and passes the caller's directory as -Dxtest.cwd; without it the JVM's directory is the caller's.
 */
final class CallerDir {
    private CallerDir() {}

    static Path resolve(String path) {
        Path p = Path.of(path);
        String base = System.getProperty("xtest.cwd");
        return p.isAbsolute() || base == null || base.isEmpty() ? p : Path.of(base).resolve(p);
    }
}
