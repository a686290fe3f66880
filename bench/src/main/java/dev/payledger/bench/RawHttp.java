package dev.payledger.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A lean HTTP/1.1 client for the load generator: one keep-alive connection per worker, requests written as
 * bytes, answers read with {@code Content-Length} or chunked bodies. The JDK's {@code HttpClient} cost about
 * 1.7 ms of CPU per request in the bench JVM, on the same two cores as the service and PostgreSQL: a
 * generator that heavy measures itself. Not thread-safe: one {@link Connection} per thread.
 */
final class RawHttp {
    private RawHttp() {
    }

    /** A request: method, path with query, extra headers, body (empty for none). */
    record Request(String method, String path, Map<String, String> headers, byte[] body) {
        static Request post(String path, Map<String, String> headers, byte[] body) {
            return new Request("POST", path, headers, body);
        }
    }

    /** Status, headers (names lower-case, last value wins) and body. */
    record Response(int status, Map<String, String> headers, byte[] body) {
    }

    /** A keep-alive connection to one host; reconnects when the server closed it. */
    static final class Connection implements AutoCloseable {
        private final URI base;
        private final byte[] host;
        private Socket socket;
        private InputStream in;
        private OutputStream out;

        Connection(URI base) {
            this.base = base;
            this.host = ("Host: " + base.getHost() + ":" + base.getPort() + "\r\n").getBytes(StandardCharsets.US_ASCII);
        }

        /** Opens the connection now rather than with the first request. */
        void connect() throws IOException {
            if (socket == null || socket.isClosed()) {
                open();
            }
        }

        Response exchange(Request request) throws IOException {
            if (socket == null || socket.isClosed()) {
                open();
            }
            try {
                return send(request);
            } catch (IOException stale) {
                // a kept-alive connection the server had closed: one retry on a fresh one
                close();
                open();
                return send(request);
            }
        }

        private Response send(Request request) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream(512);
            head.writeBytes((request.method() + " " + request.path() + " HTTP/1.1\r\n").getBytes(StandardCharsets.US_ASCII));
            head.writeBytes(host);
            for (Map.Entry<String, String> header : request.headers().entrySet()) {
                head.writeBytes((header.getKey() + ": " + header.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            head.writeBytes(("Content-Length: " + request.body().length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            head.writeBytes(request.body());
            head.writeTo(out);
            out.flush();
            return read();
        }

        private Response read() throws IOException {
            String status = line();
            if (status.isEmpty()) {
                throw new IOException("connection closed");
            }
            int code = Integer.parseInt(status.substring(9, 12));
            Map<String, String> headers = new HashMap<>();
            for (String line = line(); !line.isEmpty(); line = line()) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
            byte[] body;
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                ByteArrayOutputStream chunks = new ByteArrayOutputStream();
                for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0;
                     size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
                    chunks.writeBytes(in.readNBytes(size));
                    line();
                }
                while (!line().isEmpty()) {
                    // trailers
                }
                body = chunks.toByteArray();
            } else {
                body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
            }
            if ("close".equalsIgnoreCase(headers.get("connection"))) {
                close();
            }
            return new Response(code, headers, body);
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder(64);
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    return line.toString();
                }
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            return line.toString();
        }

        private void open() throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(30_000);
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
            in = new BufferedInputStream(socket.getInputStream(), 16_384);
            out = socket.getOutputStream();
        }

        @Override
        public void close() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }
    }
}
