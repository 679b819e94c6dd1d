package io.opentdf.xtest;

import com.google.gson.JsonObject;
import io.grpc.Status;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Base64;
import java.util.Map;

/**
 * Optional record of every call the bridge forwards, one JSON object a line, in the file named by
 * XTEST_JAVA_WIRELOG: method, URL, headers, request and response bodies (base64 protobuf).
 * tools/sdks/wiretap.py decodes these files.
 */
final class WireLog {
    private final Path file;

    private WireLog(Path file) {
        this.file = file;
    }

    static WireLog fromEnv() {
        String f = System.getenv("XTEST_JAVA_WIRELOG");
        return new WireLog(f == null || f.isEmpty() ? null : CallerDir.resolve(f));
    }

    synchronized void call(String method, String url, Map<String, String> headers, byte[] request,
            int httpStatus, Status status, byte[] response) {
        if (file == null) {
            return;
        }
        JsonObject o = new JsonObject();
        o.addProperty("time_ms", System.currentTimeMillis());
        o.addProperty("via", "java-grpc-connect-bridge");
        o.addProperty("method", "POST");
        o.addProperty("rpc", method);
        o.addProperty("url", url);
        JsonObject h = new JsonObject();
        headers.forEach(h::addProperty);
        o.add("headers", h);
        o.addProperty("request_b64", Base64.getEncoder().encodeToString(request));
        o.addProperty("http_status", httpStatus);
        o.addProperty("grpc_status", status.getCode().name());
        if (status.getDescription() != null) {
            o.addProperty("error", status.getDescription());
        }
        if (response != null) {
            o.addProperty("response_b64", Base64.getEncoder().encodeToString(response));
        }
        try {
            Files.writeString(file, o + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.err.println("warning: cannot write wire log " + file + ": " + e);
        }
    }
}
