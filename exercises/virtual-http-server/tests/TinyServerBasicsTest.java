import org.junit.jupiter.api.Test;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TinyServerBasicsTest {

    record Response(int status, Map<String, String> headers, String body) {
    }

    /** A minimal HTTP/1.1 client on a plain socket, like `curl http://127.0.0.1:<port><path>`. */
    static Response get(int port, String path) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            String statusLine = readLine(in); // "HTTP/1.1 200 OK"
            if (statusLine == null) {
                throw new IOException("the server closed the connection without sending a status line");
            }
            String[] parts = statusLine.split(" ", 3);
            Map<String, String> headers = new HashMap<>();
            for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
                }
            }
            String length = headers.get("content-length");
            byte[] body = length == null ? in.readAllBytes() : in.readNBytes(Integer.parseInt(length));
            return new Response(Integer.parseInt(parts[1]), headers, new String(body, StandardCharsets.UTF_8));
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b == -1) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void answersAGetWithTheHandlersBody() {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            try (TinyServer server = TinyServer.start(path -> "Grüße from " + path)) {
                Response response = get(server.port(), "/greet/ada");
                assertEquals(200, response.status(), "GET /greet/ada must answer 200");
                assertEquals("Grüße from /greet/ada", response.body(),
                        "the body must be handler.apply(\"/greet/ada\") in UTF-8 (Content-Length counts bytes, not chars)");
                int bytes = "Grüße from /greet/ada".getBytes(StandardCharsets.UTF_8).length;
                assertEquals(String.valueOf(bytes), response.headers().getOrDefault("content-length", "(none)"),
                        "Content-Length must be the number of bytes of the UTF-8 body (" + bytes + "; ü and ß take 2 each)");
                assertEquals("close", response.headers().getOrDefault("connection", "(none)").toLowerCase(Locale.ROOT),
                        "the response must say Connection: close (the server closes the connection after answering)");
                String type = response.headers().getOrDefault("content-type", "(none)");
                assertTrue(type.toLowerCase(Locale.ROOT).startsWith("text/plain"),
                        "the Content-Type must be text/plain; charset=utf-8, not " + type);
            }
        }, "a single GET took more than 10 s: does start() return, and does the server answer and close the connection?");
    }
}
