package io.opentdf.xtest;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.grpc.Metadata;
import io.grpc.Status;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** One gRPC unary call re-sent as a Connect unary call over HTTP/1.1 (see ConnectBridge). */
final class ConnectForwarder {
    /** gRPC transport headers that mean nothing to a Connect server, and headers Java's client sets. */
    private static final Set<String> DROP = Set.of("content-type", "te", "user-agent", "host", "connection",
            "content-length", "expect", "upgrade");

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final WireLog log;

    ConnectForwarder(WireLog log) {
        this.log = log;
    }

    static final class Result {
        final Status status;
        final byte[] body;

        Result(Status status, byte[] body) {
            this.status = status;
            this.body = body;
        }
    }

    Result forward(String authority, String method, Metadata headers, byte[] request) {
        Map<String, String> sent = forwardedHeaders(headers);
        String url = "http://" + authority + "/" + method;
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/proto")
                .header("Connect-Protocol-Version", "1")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request));
        sent.forEach(b::header);
        Result result;
        int httpStatus = 0;
        try {
            HttpResponse<byte[]> resp = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            httpStatus = resp.statusCode();
            result = httpStatus == 200 ? new Result(Status.OK, resp.body()) : error(httpStatus, resp.body());
        } catch (IOException e) {
            result = new Result(Status.UNAVAILABLE.withDescription("connect bridge: " + url + ": " + e), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result = new Result(Status.CANCELLED.withDescription("interrupted"), null);
        }
        log.call(method, url, sent, request, httpStatus, result.status, result.body);
        return result;
    }

    /** A Connect error body {"code","message"} keeps its code; else the HTTP status decides. */
    static Result error(int httpStatus, byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        try {
            JsonObject o = JsonParser.parseString(text).getAsJsonObject();
            String code = o.has("code") ? o.get("code").getAsString() : "";
            String message = o.has("message") ? o.get("message").getAsString() : "";
            Status.Code c = "canceled".equals(code) ? Status.Code.CANCELLED
                    : Status.Code.valueOf(code.toUpperCase(Locale.ROOT));
            return new Result(Status.fromCode(c).withDescription(message), null);
        } catch (RuntimeException e) {
            String desc = "HTTP " + httpStatus + ": " + text.substring(0, Math.min(200, text.length()));
            return new Result(ConnectBridge.statusFor(httpStatus).withDescription(desc), null);
        }
    }

    static Map<String, String> forwardedHeaders(Metadata headers) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : headers.keys()) {
            if (name.startsWith(":") || name.startsWith("grpc-") || name.endsWith(Metadata.BINARY_HEADER_SUFFIX)
                    || DROP.contains(name)) {
                continue;
            }
            String v = headers.get(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER));
            if (v != null) {
                out.put(name, v);
            }
        }
        return out;
    }
}
