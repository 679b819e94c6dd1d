package io.opentdf.xtest;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.opentdf.platform.sdk.SDK;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The --version JSON the upstream Java adapter reads (.version = SDK version, .tdfSpecVersion). */
final class Version {
    private Version() {
    }

    static final String CLI_VERSION = "0.1.0";

    static String sdkVersion() {
        String path = "/META-INF/maven/io.opentdf.platform/sdk/pom.properties";
        try (InputStream in = SDK.class.getResourceAsStream(path)) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** SDKs before 0.7.8 write manifests without schemaVersion: the legacy (hex) 4.2.2 encoding. */
    static String tdfSpecVersion(String sdkVersion) {
        String[] p = sdkVersion.split("[.-]");
        try {
            int major = Integer.parseInt(p[0]);
            int minor = Integer.parseInt(p[1]);
            int patch = Integer.parseInt(p[2]);
            boolean hexless = major > 0 || minor > 7 || (minor == 7 && patch >= 8);
            return hexless ? "4.3.0" : "4.2.2";
        } catch (RuntimeException e) {
            return "unknown";
        }
    }

    static String json() {
        JsonObject o = new JsonObject();
        o.addProperty("app", "xtest-java-cli");
        o.addProperty("cliVersion", CLI_VERSION);
        o.addProperty("version", sdkVersion());
        o.addProperty("tdfSpecVersion", tdfSpecVersion(sdkVersion()));
        o.add("supported_features", new JsonArray());
        return o.toString();
    }
}
