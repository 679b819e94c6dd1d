package io.opentdf.xtest;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.opentdf.platform.sdk.AssertionConfig;
import io.opentdf.platform.sdk.Config;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Map;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * Reads the assertion JSON the suite hands to every SDK (the otdfctl shape: id, type, scope,
 * appliesToState, statement{format,schema,value}, signingKey{alg,key}) into the SDK's types.
 */
final class AssertionJson {
    private AssertionJson() {
    }

    /** Inline JSON, or the path of a file holding it. */
    static AssertionConfig[] assertions(String arg) throws IOException, UsageException {
        JsonElement root = parseInlineOrFile(arg);
        if (!root.isJsonArray()) {
            throw new UsageException("--with-assertions: want a JSON list of assertions");
        }
        JsonArray list = root.getAsJsonArray();
        AssertionConfig[] out = new AssertionConfig[list.size()];
        for (int i = 0; i < list.size(); i++) {
            out[i] = assertion(list.get(i).getAsJsonObject());
        }
        return out;
    }

    static Config.AssertionVerificationKeys verificationKeys(Path file) throws IOException, UsageException {
        JsonObject root = parse(Files.readString(file), file.toString()).getAsJsonObject();
        Config.AssertionVerificationKeys keys = new Config.AssertionVerificationKeys();
        JsonObject map = root.has("keys") ? root.getAsJsonObject("keys") : new JsonObject();
        for (Map.Entry<String, JsonElement> e : map.entrySet()) {
            keys.keys.put(e.getKey(), key(e.getValue().getAsJsonObject(), true));
        }
        if (root.has("defaultKey") && root.get("defaultKey").isJsonObject()) {
            keys.defaultKey = key(root.getAsJsonObject("defaultKey"), true);
        }
        return keys;
    }

    private static AssertionConfig assertion(JsonObject o) throws IOException, UsageException {
        AssertionConfig a = new AssertionConfig();
        a.id = str(o, "id");
        a.type = "base".equals(str(o, "type")) ? AssertionConfig.Type.BaseAssertion
                : AssertionConfig.Type.HandlingAssertion;
        a.scope = "payload".equals(str(o, "scope")) ? AssertionConfig.Scope.Payload
                : AssertionConfig.Scope.TrustedDataObj;
        a.appliesToState = "unencrypted".equals(str(o, "appliesToState"))
                ? AssertionConfig.AppliesToState.Unencrypted : AssertionConfig.AppliesToState.Encrypted;
        JsonObject st = o.has("statement") ? o.getAsJsonObject("statement") : new JsonObject();
        a.statement = new AssertionConfig.Statement();
        a.statement.format = str(st, "format");
        a.statement.schema = str(st, "schema");
        JsonElement value = st.get("value");
        // An object-valued statement is carried as its JSON text, as the other SDKs do.
        a.statement.value = value == null || value.isJsonNull() ? null
                : value.isJsonPrimitive() ? value.getAsString() : value.toString();
        if (o.has("signingKey") && o.get("signingKey").isJsonObject()) {
            a.assertionKey = key(o.getAsJsonObject("signingKey"), false);
        }
        return a;
    }

    /** HS256: the key string's UTF-8 bytes (as otdfctl); RS256: a PEM RSA key. */
    private static AssertionConfig.AssertionKey key(JsonObject o, boolean verifying)
            throws IOException, UsageException {
        String alg = str(o, "alg");
        String key = str(o, "key");
        if (key == null) {
            throw new UsageException("assertion key without \"key\"");
        }
        if ("HS256".equals(alg)) {
            return new AssertionConfig.AssertionKey(AssertionConfig.AssertionKeyAlg.HS256,
                    key.getBytes(StandardCharsets.UTF_8));
        }
        if ("RS256".equals(alg)) {
            return new AssertionConfig.AssertionKey(AssertionConfig.AssertionKeyAlg.RS256,
                    verifying ? publicKey(key) : privateKey(key));
        }
        throw new UsageException("assertion key alg " + alg + " is not HS256 or RS256");
    }

    private static Object readPem(String pem) throws IOException, UsageException {
        try (PEMParser p = new PEMParser(new StringReader(pem))) {
            Object o = p.readObject();
            if (o == null) {
                throw new UsageException("assertion key is not PEM");
            }
            return o;
        }
    }

    private static PrivateKey privateKey(String pem) throws IOException, UsageException {
        Object o = readPem(pem);
        JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
        if (o instanceof PEMKeyPair) {
            return conv.getKeyPair((PEMKeyPair) o).getPrivate();
        }
        if (o instanceof PrivateKeyInfo) {
            return conv.getPrivateKey((PrivateKeyInfo) o);
        }
        throw new UsageException("RS256 signing needs an RSA private key PEM");
    }

    private static PublicKey publicKey(String pem) throws IOException, UsageException {
        Object o = readPem(pem);
        JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
        if (o instanceof SubjectPublicKeyInfo) {
            return conv.getPublicKey((SubjectPublicKeyInfo) o);
        }
        if (o instanceof PEMKeyPair) {
            KeyPair kp = conv.getKeyPair((PEMKeyPair) o);
            return kp.getPublic();
        }
        throw new UsageException("RS256 verification needs an RSA public key PEM");
    }

    private static JsonElement parseInlineOrFile(String arg) throws IOException, UsageException {
        String trimmed = arg.trim();
        if (trimmed.startsWith("[") || trimmed.startsWith("{")) {
            return parse(trimmed, "--with-assertions");
        }
        return parse(Files.readString(CallerDir.resolve(arg)), arg);
    }

    private static JsonElement parse(String text, String where) throws UsageException {
        try {
            return JsonParser.parseString(text);
        } catch (JsonParseException e) {
            throw new UsageException(where + ": not valid JSON: " + e.getMessage());
        }
    }

    private static String str(JsonObject o, String name) {
        JsonElement e = o.get(name);
        return e == null || e.isJsonNull() ? null : e.getAsString();
    }
}
