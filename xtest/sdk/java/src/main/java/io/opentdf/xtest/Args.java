package io.opentdf.xtest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plain command-line parsing for the upstream Java adapter's flags: {@code --name=value},
 * {@code --name value} and bare boolean flags; everything else is a positional word.
 */
final class Args {
    final Map<String, String> options = new HashMap<>();
    final List<String> words = new ArrayList<>();

    /** Flags that take no value (all others consume the next word unless written --name=value). */
    private static final Set<String> BOOLEAN_FLAGS = Set.of(
            "plaintext", "insecure", "version", "ignore-kas-allowlist",
            "with-assertion-verification-disabled", "verbose", "autoconfigure");

    static Args parse(String[] argv) throws UsageException {
        Args a = new Args();
        for (int i = 0; i < argv.length; i++) {
            String arg = argv[i];
            if (!arg.startsWith("--")) {
                a.words.add(arg);
                continue;
            }
            String name = arg.substring(2);
            int eq = name.indexOf('=');
            if (eq >= 0) {
                a.options.put(name.substring(0, eq), name.substring(eq + 1));
            } else if (BOOLEAN_FLAGS.contains(name)) {
                a.options.put(name, "true");
            } else if (i + 1 < argv.length) {
                a.options.put(name, argv[++i]);
            } else {
                throw new UsageException("--" + name + " needs a value");
            }
        }
        return a;
    }

    String get(String name) {
        return options.get(name);
    }

    String require(String name) throws UsageException {
        String v = options.get(name);
        if (v == null || v.isEmpty()) {
            throw new UsageException("--" + name + " is required");
        }
        return v;
    }

    boolean flag(String name) {
        return Boolean.parseBoolean(options.getOrDefault(name, "false"));
    }

    /** Rejects options this command does not know, naming them. */
    void allowOnly(Set<String> known) throws UsageException {
        for (String name : options.keySet()) {
            if (!known.contains(name)) {
                throw new UsageException("unknown option --" + name);
            }
        }
    }
}
