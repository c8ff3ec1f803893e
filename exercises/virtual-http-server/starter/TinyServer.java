import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * A working server that serves one connection at a time, on one platform thread: while the handler of one
 * request waits, every other client waits too. Make it serve each connection on its own virtual thread, answer
 * 500 when the handler throws, and make close() leave nothing behind.
 */
public class TinyServer implements AutoCloseable {
    private final ServerSocket listener;
    private final Function<String, String> handler;
    private final Thread acceptor;

    private TinyServer(ServerSocket listener, Function<String, String> handler) {
        this.listener = listener;
        this.handler = handler;
        this.acceptor = new Thread(this::acceptLoop, "tiny-server");
        acceptor.start();
    }

    public static TinyServer start(Function<String, String> handler) throws IOException {
        // Port 0: the system picks a free port. The backlog (100) is how many connections may wait to be accepted.
        return new TinyServer(new ServerSocket(0, 100, InetAddress.getLoopbackAddress()), handler);
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
                return; // the listener was closed
            }
            serve(connection);
        }
    }

    /** Reads one request, answers it and closes the connection. */
    private void serve(Socket connection) {
        try (connection) {
            BufferedReader in = new BufferedReader(
                    new InputStreamReader(connection.getInputStream(), StandardCharsets.ISO_8859_1));
            String requestLine = in.readLine(); // "GET /some/path HTTP/1.1"
            if (requestLine == null) {
                return;
            }
            for (String header = in.readLine(); header != null && !header.isEmpty(); header = in.readLine()) {
                // skip the headers, up to the empty line that ends them
            }
            String path = requestLine.split(" ")[1];
            respond(connection.getOutputStream(), 200, "OK", handler.apply(path));
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
    }
}
