import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/** Another correct design: a platform accept thread, the default backlog and a virtual thread per connection. */
public class TinyServer implements AutoCloseable {
    private final ServerSocket listener = new ServerSocket();
    private final Function<String, String> handler;
    private final Thread acceptor;
    private volatile boolean closed;

    private TinyServer(Function<String, String> handler) throws IOException {
        this.handler = handler;
        listener.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        acceptor = new Thread(this::acceptLoop, "accept");
        acceptor.start();
    }

    public static TinyServer start(Function<String, String> handler) throws IOException {
        return new TinyServer(handler);
    }

    public int port() {
        return listener.getLocalPort();
    }

    private void acceptLoop() {
        try {
            while (!closed) {
                Socket connection = listener.accept();
                Thread.ofVirtual().start(() -> serve(connection));
            }
        } catch (SocketException closedWhileWaiting) {
            // close() closed the listener
        } catch (IOException e) {
            if (!closed) {
                e.printStackTrace();
            }
        }
    }

    private void serve(Socket connection) {
        try (connection;
             BufferedReader in = new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8))) {
            String requestLine = in.readLine();
            String line;
            do {
                line = in.readLine();
            } while (line != null && !line.isBlank());
            String path = requestLine == null ? "/" : requestLine.split(" ")[1];
            int status = 200;
            String body;
            try {
                body = handler.apply(path);
            } catch (Exception e) {
                status = 500;
                body = e.getMessage();
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            OutputStream raw = connection.getOutputStream();
            PrintStream out = new PrintStream(raw, false, StandardCharsets.UTF_8);
            out.print("HTTP/1.1 " + status + (status == 200 ? " OK" : " Internal Server Error") + "\r\n");
            out.print("Content-Type: text/plain; charset=UTF-8\r\n");
            out.print("Content-Length: " + bytes.length + "\r\n");
            out.print("Connection: close\r\n\r\n");
            out.flush();
            raw.write(bytes);
            raw.flush();
        } catch (IOException | RuntimeException e) {
            // a broken request or a client that went away: drop the connection
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
            acceptor.join();
        } catch (IOException e) {
            // already closed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
