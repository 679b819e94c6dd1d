package io.opentdf.xtest;

import java.time.Duration;
import java.time.Instant;

/** With XTEST_JAVA_TIMING set, prints "timing: PHASE +Nms" (since process start) to stderr. */
final class Timing {
    private Timing() {
    }

    private static final boolean ON = System.getenv("XTEST_JAVA_TIMING") != null;
    private static final Instant START = ProcessHandle.current().info().startInstant().orElse(Instant.now());

    static void mark(String phase) {
        if (ON) {
            System.err.println("timing: " + phase + " +" + Duration.between(START, Instant.now()).toMillis() + "ms");
        }
    }
}
