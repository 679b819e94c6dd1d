package io.opentdf.xtest;

/** Help texts; the upstream adapter greps them to probe features, so they list every flag. */
final class Help {
    private Help() {
    }

    static final String GLOBAL = "Global: --client-id ID --client-secret S --platform-endpoint URL|HOST:PORT"
            + " [--plaintext] [--insecure] [--no-connect-bridge]\n";
    static final String ENCRYPT = "Usage: encrypt --kas-url URL --file F [--output OUT]\n"
            + "  --attr FQN[,FQN]             data attribute value FQNs (autoconfigure)\n"
            + "  --mime-type TYPE             payload MIME type\n"
            + "  --with-assertions JSON|FILE  assertions to bind\n";
    static final String DECRYPT = "Usage: decrypt --file F [--output OUT]\n"
            + "  --with-assertion-verification-keys FILE  assertion verification keys JSON\n";

    static String text(String command) throws UsageException {
        switch (command) {
            case "":
                return GLOBAL + ENCRYPT + DECRYPT;
            case "encrypt":
                return GLOBAL + ENCRYPT;
            case "decrypt":
                return GLOBAL + DECRYPT;
            default:
                throw new UsageException("help: unknown command " + command);
        }
    }
}
