package io.opentdf.xtest;

import io.grpc.EquivalentAddressGroup;
import io.grpc.HandlerRegistry;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.NameResolver;
import io.grpc.NameResolverProvider;
import io.grpc.NameResolverRegistry;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Lets the real Java SDK, which speaks only gRPC (HTTP/2), talk to a platform that serves the
 * Connect protocol over HTTP/1.1 (the embedded platform), without touching the SDK.
 *
 * <p>How: a name resolver, registered ahead of gRPC's DNS resolver, sends every plaintext gRPC
 * target (the platform, each KAS) to an in-process loopback gRPC server while keeping the target
 * as the call's {@code :authority}. That server accepts any method and re-sends it as a Connect
 * unary call: {@code POST http://<authority>/<package.Service>/<Method>}, {@code Content-Type:
 * application/proto}, the same protobuf bytes, and the SDK's own Authorization and DPoP headers.
 * The answer's bytes go back unchanged; a Connect error becomes the gRPC status of the same name.
 * The protobuf messages, tokens and DPoP proofs are the SDK's; only the framing changes.
 */
final class ConnectBridge implements AutoCloseable {
    private final Server server;
    private final Resolver resolver;

    private ConnectBridge(Server server, Resolver resolver) {
        this.server = server;
        this.resolver = resolver;
    }

    static ConnectBridge start(WireLog log) throws IOException {
        ConnectForwarder forwarder = new ConnectForwarder(log);
        Server server = NettyServerBuilder
                .forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .fallbackHandlerRegistry(new AnyMethod(forwarder))
                .build()
                .start();
        Resolver resolver = new Resolver(server.getPort());
        NameResolverRegistry.getDefaultRegistry().register(resolver);
        return new ConnectBridge(server, resolver);
    }

    @Override
    public void close() throws InterruptedException {
        NameResolverRegistry.getDefaultRegistry().deregister(resolver);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    /** Raw bytes in and out: the bridge never needs to understand the messages. */
    static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    /** Serves every method name as a unary call forwarded to the call's authority. */
    static final class AnyMethod extends HandlerRegistry {
        private final ConnectForwarder forwarder;

        AnyMethod(ConnectForwarder forwarder) {
            this.forwarder = forwarder;
        }

        @Override
        public ServerMethodDefinition<?, ?> lookupMethod(String methodName, String authority) {
            MethodDescriptor<byte[], byte[]> md = MethodDescriptor.<byte[], byte[]>newBuilder()
                    .setType(MethodDescriptor.MethodType.UNARY)
                    .setFullMethodName(methodName)
                    .setRequestMarshaller(BYTES)
                    .setResponseMarshaller(BYTES)
                    .build();
            return ServerMethodDefinition.create(md, new Handler(forwarder, methodName, authority));
        }
    }

    static final class Handler implements ServerCallHandler<byte[], byte[]> {
        private final ConnectForwarder forwarder;
        private final String method;
        private final String authority;

        Handler(ConnectForwarder forwarder, String method, String authority) {
            this.forwarder = forwarder;
            this.method = method;
            this.authority = authority;
        }

        @Override
        public ServerCall.Listener<byte[]> startCall(ServerCall<byte[], byte[]> call, Metadata headers) {
            call.request(1);
            return new ServerCall.Listener<>() {
                private byte[] request = new byte[0];

                @Override
                public void onMessage(byte[] message) {
                    request = message;
                }

                @Override
                public void onHalfClose() {
                    ConnectForwarder.Result r = forwarder.forward(authority, method, headers, request);
                    if (r.status.isOk()) {
                        call.sendHeaders(new Metadata());
                        call.sendMessage(r.body);
                    }
                    call.close(r.status, new Metadata());
                }
            };
        }
    }

    /** Resolves every DNS target to the bridge; the target stays the call's authority. */
    static final class Resolver extends NameResolverProvider {
        private final int port;

        Resolver(int port) {
            this.port = port;
        }

        @Override
        protected boolean isAvailable() {
            return true;
        }

        @Override
        protected int priority() {
            return 10; // above grpc's own DNS resolver (5)
        }

        @Override
        public String getDefaultScheme() {
            return "dns";
        }

        @Override
        public Collection<Class<? extends SocketAddress>> getProducedSocketAddressTypes() {
            return List.of(InetSocketAddress.class);
        }

        @Override
        public NameResolver newNameResolver(URI target, NameResolver.Args args) {
            if (!"dns".equals(target.getScheme())) {
                return null;
            }
            String authority = target.getPath().startsWith("/") ? target.getPath().substring(1) : target.getPath();
            InetSocketAddress bridge = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
            return new NameResolver() {
                @Override
                public String getServiceAuthority() {
                    return authority;
                }

                @Override
                public void start(Listener2 listener) {
                    listener.onResult(ResolutionResult.newBuilder()
                            .setAddresses(List.of(new EquivalentAddressGroup(bridge)))
                            .build());
                }

                @Override
                public void shutdown() {
                }
            };
        }
    }

    static Status statusFor(int httpStatus) {
        switch (httpStatus) {
            case 401:
                return Status.UNAUTHENTICATED;
            case 403:
                return Status.PERMISSION_DENIED;
            case 404:
                return Status.UNIMPLEMENTED;
            case 429:
            case 502:
            case 503:
            case 504:
                return Status.UNAVAILABLE;
            default:
                return Status.UNKNOWN;
        }
    }
}
