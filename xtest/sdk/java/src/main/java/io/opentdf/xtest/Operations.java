package io.opentdf.xtest;

import io.opentdf.platform.sdk.AssertionConfig;
import io.opentdf.platform.sdk.Config;
import io.opentdf.platform.sdk.SDK;
import io.opentdf.platform.sdk.SDKBuilder;
import io.opentdf.platform.sdk.TDF;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import nl.altindag.ssl.SSLFactory;

/** encrypt and decrypt over the SDK's public API, as the upstream cmdline tool does. */
final class Operations {
    private Operations() {
    }

    private static final Set<String> GLOBAL = Set.of("client-id", "client-secret", "plaintext", "insecure",
            "platform-endpoint", "no-connect-bridge", "file", "output", "verbose");
    private static final Set<String> ENCRYPT = union(GLOBAL, "kas-url", "attr", "mime-type", "with-assertions",
            "autoconfigure", "encap-key-type", "policy-type", "with-target-mode", "ecdsa-binding");
    private static final Set<String> DECRYPT = union(GLOBAL, "with-assertion-verification-keys",
            "with-assertion-verification-disabled", "kas-allowlist", "ignore-kas-allowlist", "rewrap-key-type");

    static void encrypt(Args args) throws Exception {
        args.allowOnly(ENCRYPT);
        refuse(args, "encap-key-type", "wrap keys with EC (--encap-key-type); it has only RSA wrapping");
        refuse(args, "with-target-mode", "choose a TDF spec version (--with-target-mode); it writes 4.2.2 only");
        refuse(args, "policy-type", "write plaintext NanoTDF policies (--policy-type)");
        refuse(args, "ecdsa-binding", "write ECDSA NanoTDF bindings (--ecdsa-binding)");
        Path file = CallerDir.resolve(args.require("file"));
        List<Consumer<Config.TDFConfig>> options = new ArrayList<>();
        options.add(Config.withKasInformation(kasInfos(args.require("kas-url"))));
        if (args.get("mime-type") != null) {
            options.add(Config.withMimeType(args.get("mime-type")));
        }
        if (args.get("attr") != null && !args.get("attr").isEmpty()) {
            options.add(Config.withDataAttributes(args.get("attr").split(",")));
        }
        if (args.get("with-assertions") != null) {
            AssertionConfig[] assertions = AssertionJson.assertions(args.get("with-assertions"));
            options.add(Config.withAssertionConfig(assertions));
        }
        @SuppressWarnings("unchecked")
        Config.TDFConfig config = Config.newTDFConfig(options.toArray(new Consumer[0]));
        byte[] plain = Files.readAllBytes(file);
        try (Connection c = connect(args)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new TDF().createTDF(new ByteArrayInputStream(plain), out, config,
                    c.sdk.getServices().kas(), c.sdk.getServices().attributes());
            Timing.mark("encrypted");
            emit(args, out.toByteArray());
        }
        Timing.mark("closed");
    }

    static void decrypt(Args args) throws Exception {
        args.allowOnly(DECRYPT);
        refuse(args, "rewrap-key-type", "use an EC rewrap session key (--rewrap-key-type)");
        refuse(args, "kas-allowlist", "enforce a KAS allowlist (--kas-allowlist); it has none");
        refuse(args, "with-assertion-verification-disabled", "skip assertion verification; it always verifies");
        // --ignore-kas-allowlist is accepted: this SDK trusts every KAS anyway.
        Path file = CallerDir.resolve(args.require("file"));
        Config.AssertionVerificationKeys[] keys = new Config.AssertionVerificationKeys[0];
        if (args.get("with-assertion-verification-keys") != null) {
            keys = new Config.AssertionVerificationKeys[] {
                AssertionJson.verificationKeys(CallerDir.resolve(args.get("with-assertion-verification-keys")))
            };
        }
        try (Connection c = connect(args); FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            TDF.Reader reader = new TDF().loadTDF(in, c.sdk.getServices().kas(), keys);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            reader.readPayload(out);
            Timing.mark("decrypted");
            emit(args, out.toByteArray());
        }
        Timing.mark("closed");
    }

    /** The SDK plus the Connect bridge it talks through; closing stops both. */
    static final class Connection implements AutoCloseable {
        final SDK sdk;
        final ConnectBridge bridge;

        Connection(SDK sdk, ConnectBridge bridge) {
            this.sdk = sdk;
            this.bridge = bridge;
        }

        @Override
        public void close() throws Exception {
            try {
                sdk.close();
            } finally {
                if (bridge != null) {
                    bridge.close();
                }
            }
        }
    }

    static Connection connect(Args args) throws Exception {
        String endpoint = args.require("platform-endpoint");
        boolean plaintext = args.flag("plaintext") || endpoint.startsWith("http://");
        ConnectBridge bridge = null;
        if (plaintext && !args.flag("no-connect-bridge")) {
            bridge = ConnectBridge.start(WireLog.fromEnv());
            Timing.mark("bridge started");
        }
        SDKBuilder builder = SDKBuilder.newBuilder()
                .platformEndpoint(grpcTarget(endpoint))
                .clientSecret(args.require("client-id"), args.require("client-secret"))
                .useInsecurePlaintextConnection(plaintext);
        if (args.flag("insecure")) {
            builder.sslFactory(SSLFactory.builder().withUnsafeTrustMaterial().build());
        }
        try {
            Connection c = new Connection(builder.build(), bridge);
            Timing.mark("sdk built (well-known, OIDC discovery)");
            return c;
        } catch (RuntimeException e) {
            if (bridge != null) {
                bridge.close();
            }
            throw e;
        }
    }

    /** The SDK dials gRPC targets HOST:PORT; the adapter passes a URL. */
    static String grpcTarget(String endpoint) throws UsageException {
        if (!endpoint.contains("://")) {
            return endpoint;
        }
        URI u = URI.create(endpoint);
        if (u.getHost() == null) {
            throw new UsageException("--platform-endpoint " + endpoint + " has no host");
        }
        int port = u.getPort() != -1 ? u.getPort() : ("https".equals(u.getScheme()) ? 443 : 80);
        return u.getHost() + ":" + port;
    }

    private static Config.KASInfo[] kasInfos(String list) {
        List<Config.KASInfo> infos = new ArrayList<>();
        for (String url : list.split(",")) {
            Config.KASInfo ki = new Config.KASInfo();
            ki.URL = url.trim();
            infos.add(ki);
        }
        return infos.toArray(new Config.KASInfo[0]);
    }

    private static void refuse(Args args, String option, String what) throws UnsupportedByCliException {
        if (args.get(option) != null) {
            throw new UnsupportedByCliException("Java SDK " + Version.sdkVersion() + " cannot " + what);
        }
    }

    /** Writes to --output through a temp file (never a partial file on failure), else to stdout. */
    private static void emit(Args args, byte[] data) throws IOException {
        String output = args.get("output");
        if (output == null) {
            OutputStream out = System.out;
            out.write(data);
            out.flush();
            return;
        }
        Path target = CallerDir.resolve(output).toAbsolutePath();
        Path tmp = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            Files.write(tmp, data, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static Set<String> union(Set<String> base, String... more) {
        Set<String> s = new java.util.HashSet<>(base);
        s.addAll(List.of(more));
        return Set.copyOf(s);
    }
}
