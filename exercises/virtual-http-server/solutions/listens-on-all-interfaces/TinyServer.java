import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/** Known-bad: binds the ServerSocket on every interface (0.0.0.0), not 127.0.0.1: anyone on the network can call it. */
public class TinyServer implements AutoCloseable {
    private final ServerSocket listener;
    private final Function<String, String> handler;
    private final ExecutorService connections = Executors.newVirtualThreadPerTaskExecutor();
    private final Thread acceptor;

    private TinyServer(ServerSocket listener, Function<String, String> handler) {
        this.listener = listener;
        this.handler = handler;
        this.acceptor = Thread.ofVirtual().name("tiny-server-acceptor").start(this::acceptLoop);
    }

    public static TinyServer start(Function<String, String> handler) throws IOException {
        return new TinyServer(new ServerSocket(0, 256), handler);
    }

    public int port() {
        return listener.getLocalPort();
    }

    private void acceptLoop() {
        while (true) {
            Socket connection;
            try {
                connection = listener.accept();
            } catch (IOException closed) {
                return;
            }
            connections.submit(() -> serve(connection));
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            connection.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(
                    new InputStreamReader(connection.getInputStream(), StandardCharsets.ISO_8859_1));
            String requestLine = in.readLine();
            if (requestLine == null) {
                return;
            }
            for (String header = in.readLine(); header != null && !header.isEmpty(); header = in.readLine()) {
                // headers are not needed
            }
            String[] parts = requestLine.split(" ");
            OutputStream out = connection.getOutputStream();
            if (parts.length != 3 || !parts[0].equals("GET")) {
                respond(out, 400, "Bad Request", "only GET <path> HTTP/1.1 is served");
                return;
            }
            String body;
            try {
                body = handler.apply(parts[1]);
            } catch (RuntimeException e) {
                respond(out, 500, "Internal Server Error", String.valueOf(e.getMessage()));
                return;
            }
            respond(out, 200, "OK", body == null ? "" : body);
        } catch (IOException clientWentAway) {
            // nothing to answer to
        }
    }

    private static void respond(OutputStream out, int status, String reason, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + " " + reason + "\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "Content-Length: " + bytes.length + "\r\n"
                + "Connection: close\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.write(bytes);
        out.flush();
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        try {
            acceptor.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connections.close();
    }
}
