package threadmark.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A result page's live status as a browser's EventSource receives it: one HTTP/1.1 request over its own loopback
 * socket, with the page's cookies, each {@code data:} line handed over as it arrives. Light enough to hold a thousand
 * open at once in a test or a benchmark (a socket and a parked virtual thread each).
 */
public final class LiveStream implements AutoCloseable {

    /** One event: its JSON, and when it arrived ({@link System#currentTimeMillis()}). */
    public record Event(String json, long receivedAt) {
    }

    private static final Event END = new Event(null, 0);

    /** The response's status code: 200, or the refusal (the stream is then closed). */
    public final int status;
    private final Socket socket;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

    private LiveStream(int status, Socket socket) {
        this.status = status;
        this.socket = socket;
    }

    /** Opens {@code path} on the server at 127.0.0.1:{@code port}; returns once the response's headers arrived. */
    public static LiveStream open(int port, String path, String cookies) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        try {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAccept: text/event-stream\r\n"
                    + "Cache-Control: no-cache\r\nCookie: " + cookies + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            String[] statusLine = line(in).split(" ", 3);
            boolean chunked = false;
            for (String header; !(header = line(in)).isEmpty(); ) {
                String lower = header.toLowerCase();
                chunked |= lower.startsWith("transfer-encoding:") && lower.contains("chunked");
            }
            LiveStream stream = new LiveStream(Integer.parseInt(statusLine[1]), socket);
            if (stream.status != 200) {
                socket.close();
                stream.events.add(END);
                return stream;
            }
            boolean isChunked = chunked;
            Thread.ofVirtual().name("live-stream " + path).start(() -> stream.read(in, isChunked));
            return stream;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** The next event within {@code seconds}; null if none came or the stream ended. */
    public Event next(long seconds) throws InterruptedException {
        Event event = events.poll(seconds, TimeUnit.SECONDS);
        if (event == END) {
            events.add(END);
            return null;
        }
        return event;
    }

    /** Whether the server ended the stream within {@code seconds}, every event before the end skipped. */
    public boolean ended(long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        for (Event event; (event = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) != null; ) {
            if (event == END) {
                events.add(END);
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private void read(InputStream in, boolean chunked) {
        try {
            StringBuilder text = new StringBuilder();
            byte[] buffer = new byte[8192];
            while (true) {
                byte[] data;
                int length;
                if (chunked) {
                    int size = Integer.parseInt(line(in).split(";", 2)[0].trim(), 16);
                    if (size == 0) {
                        break;
                    }
                    data = in.readNBytes(size);
                    length = data.length;
                    line(in);
                } else {
                    length = in.read(buffer);
                    if (length < 0) {
                        break;
                    }
                    data = buffer;
                }
                text.append(new String(data, 0, length, StandardCharsets.UTF_8));
                for (int end; (end = text.indexOf("\n")) >= 0; text.delete(0, end + 1)) {
                    String line = text.substring(0, end).trim();
                    if (line.startsWith("data:")) {
                        events.add(new Event(line.substring(5).trim(), System.currentTimeMillis()));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // the page was closed, or the server went away
        }
        events.add(END);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0) {
                throw new IOException("the stream ended");
            }
            line.write(b);
        }
        return line.toString(StandardCharsets.US_ASCII).stripTrailing();
    }
}
