package io.opentdf.xtest;

import java.io.PrintStream;
import java.util.Arrays;

/**
 * xtest's Java CLI over the real OpenTDF Java SDK. The SDK publishes no CLI on Maven Central, so
 * this mirrors the upstream Java adapter's flags (XTEST-UPSTREAM.md §1.3):
 *
 * <pre>
 *   [--client-id ID --client-secret S --plaintext --platform-endpoint URL] encrypt --kas-url URL --file F
 *        [--attr FQN,.. --mime-type T --with-assertions JSON|FILE --output OUT]
 *   [...] decrypt --file F [--with-assertion-verification-keys FILE --output OUT]
 *   --version          JSON: version (SDK), tdfSpecVersion, supported_features
 *   help [encrypt|decrypt]
 * </pre>
 *
 * Exit 0 success, 1 failure (one line "error: ..." on stderr), 2 usage error.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] argv) {
        System.exit(run(argv, System.out, System.err));
    }

    static int run(String[] argv, PrintStream out, PrintStream err) {
        Timing.mark("main");
        try {
            dispatch(Args.parse(argv), out);
            return 0;
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            return 2;
        } catch (UnsupportedByCliException e) {
            err.println("error: " + e.getMessage());
            return 1;
        } catch (Exception e) {
            err.println("error: " + describe(e));
            if (System.getenv("XTEST_JAVA_TRACE") != null) {
                e.printStackTrace(err);
            }
            return 1;
        }
    }

    private static void dispatch(Args args, PrintStream out) throws Exception {
        if (args.flag("version")) {
            out.println(Version.json());
            return;
        }
        if (args.words.isEmpty()) {
            throw new UsageException("want a command: encrypt, decrypt or help (or --version)");
        }
        String command = args.words.get(0);
        switch (command) {
            case "help":
                out.print(Help.text(args.words.size() > 1 ? args.words.get(1) : ""));
                return;
            case "encrypt":
                Operations.encrypt(args);
                return;
            case "decrypt":
                Operations.decrypt(args);
                return;
            default:
                throw new UsageException("unknown command " + command + " in " + Arrays.toString(args.words.toArray()));
        }
    }

    /** One line naming what failed, including the causes the SDK wraps. */
    static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (sb.length() > 0) {
                sb.append(": ");
            }
            sb.append(t.getClass().getSimpleName());
            if (t.getMessage() != null) {
                sb.append(" ").append(t.getMessage().replace('\n', ' '));
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return sb.toString();
    }
}
