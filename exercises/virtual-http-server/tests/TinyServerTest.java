import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import threadmark.check.Blocking;
import threadmark.check.CallRecorder;
import threadmark.check.ThreadCensus;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.fail;

/*
 * The client side of every test runs on virtual threads with plain sockets, and calls into TinyServer are bounded on
 * virtual threads too (not Liveness.callWithin, whose helper is a platform thread): ThreadCensus counts platform
 * threads, and only the server's may count. The 200-request test runs last: a platform thread per request could
 * exhaust the sandbox's threads there, and the other tests' precise feedback must come first.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TinyServerTest {

    private static final Duration CALL_LIMIT = Duration.ofSeconds(5);

    record Response(int status, Map<String, String> headers, String body) {
    }

    // ---- a minimal HTTP/1.1 client ----------------------------------------------------------------------------------

    static Response get(int port, String path, Duration timeout) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            String statusLine;
            try {
                statusLine = readLine(in);
            } catch (SocketTimeoutException e) {
                throw new IOException("no response within " + timeout.toSeconds() + " s");
            }
            if (statusLine == null) {
                throw new IOException("the server closed the connection without sending a status line");
            }
            String[] parts = statusLine.split(" ", 3);
            int status;
            try {
                status = Integer.parseInt(parts.length > 1 ? parts[1] : "");
            } catch (NumberFormatException e) {
                throw new IOException("the response does not start with a status line like 'HTTP/1.1 200 OK' but with '"
                        + statusLine + "'");
            }
            Map<String, String> headers = new HashMap<>();
            for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
                }
            }
            String length = headers.get("content-length");
            byte[] body = length == null ? in.readAllBytes() : in.readNBytes(Integer.parseInt(length.trim()));
            return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
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

    /**
     * Many clients at once, each on its own virtual thread. At most 32 connections wait to be accepted at a time (a
     * client waits for a permit, the handler gives one back when it starts), so a listen backlog of 50, the default,
     * never overflows; overflowing connections would be retried by TCP only after a second.
     */
    static final class Crowd {
        private final Semaphore notYetServed = new Semaphore(32);
        private final AtomicReferenceArray<Object> outcomes;
        private final CountDownLatch finished;
        private final List<String> paths = new ArrayList<>();

        Crowd(String prefix, int clients) {
            for (int i = 0; i < clients; i++) {
                paths.add(prefix + i);
            }
            outcomes = new AtomicReferenceArray<>(clients);
            finished = new CountDownLatch(clients);
        }

        /** The handler to give the server: it lets the next client connect, then runs {@code body}. */
        Function<String, String> admitting(Function<String, String> body) {
            return path -> {
                notYetServed.release();
                return body.apply(path);
            };
        }

        void send(int port) {
            for (int i = 0; i < paths.size(); i++) {
                int client = i;
                Thread.ofVirtual().name("client-" + i).start(() -> {
                    try {
                        notYetServed.tryAcquire(10, TimeUnit.SECONDS);
                        outcomes.set(client, get(port, paths.get(client), Duration.ofSeconds(10)));
                    } catch (Throwable t) {
                        outcomes.set(client, t);
                    } finally {
                        finished.countDown();
                    }
                });
            }
        }

        boolean awaitAll(Duration limit) throws InterruptedException {
            return finished.await(limit.toMillis(), TimeUnit.MILLISECONDS);
        }

        int answered() {
            int answered = 0;
            for (int i = 0; i < outcomes.length(); i++) {
                if (outcomes.get(i) instanceof Response) {
                    answered++;
                }
            }
            return answered;
        }

        /** The first request that did not get 200 with the expected body, described; null if all did. */
        String firstWrong(Function<String, String> expectedBody) {
            for (int i = 0; i < outcomes.length(); i++) {
                Object outcome = outcomes.get(i);
                String path = paths.get(i);
                if (outcome instanceof Response response) {
                    if (response.status() != 200 || !response.body().equals(expectedBody.apply(path))) {
                        return "GET " + path + " got " + response.status() + " '" + response.body() + "' instead of 200 '"
                                + expectedBody.apply(path) + "'";
                    }
                } else if (outcome instanceof Throwable failure) {
                    return "GET " + path + " failed: " + failure.getMessage();
                } else {
                    return "GET " + path + " got no answer yet";
                }
            }
            return null;
        }
    }

    // ---- bounded calls into TinyServer, on virtual threads --------------------------------------------------------

    private static <T> T within(String what, String advice, Callable<T> call) throws Exception {
        CompletableFuture<T> outcome = new CompletableFuture<>();
        Thread caller = Thread.ofVirtual().name("test-call").start(() -> {
            try {
                outcome.complete(call.call());
            } catch (Throwable t) {
                outcome.completeExceptionally(t);
            }
        });
        try {
            return outcome.get(CALL_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError(what + " did not return within " + CALL_LIMIT.toSeconds() + " s; it is at "
                    + studentFrame(caller.getStackTrace()) + ". " + advice);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception exception) {
                throw exception;
            }
            throw (Error) e.getCause();
        }
    }

    private static String studentFrame(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            String type = frame.getClassName();
            if (!type.startsWith("java.") && !type.startsWith("jdk.") && !type.startsWith("sun.")
                    && !type.startsWith("TinyServerTest")) {
                return frame.toString();
            }
        }
        return "an unknown place";
    }

    private static TinyServer start(Function<String, String> handler) throws Exception {
        TinyServer server = within("TinyServer.start(handler)", "start() must bind the socket, start the accept loop on "
                + "its own thread and return; the loop must not run on the caller's thread.", () -> TinyServer.start(handler));
        if (server == null) {
            fail("TinyServer.start returned null");
        }
        return server;
    }

    private static void close(TinyServer server) throws Exception {
        within("close()", "close() must close the ServerSocket (which makes a blocked accept() throw and so ends the "
                + "accept loop) and may wait for requests in progress, but must not wait for anything else.", () -> {
            server.close();
            return null;
        });
    }

    private static void closeQuietly(TinyServer server) {
        try {
            close(server);
        } catch (Throwable ignored) {
            // the test's own verdict matters more; close() has a test of its own
        }
    }

    /**
     * Starts the JDK's helper threads for virtual threads and sockets (carrier, poller, delay scheduler) before any
     * census, so that they are never blamed on the server.
     */
    @BeforeAll
    static void warmUp() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread fake = Thread.ofVirtual().start(() -> {
                try (Socket connection = listener.accept()) {
                    Thread.sleep(5);
                    connection.getInputStream().read();
                    connection.getOutputStream().write(
                            "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok".getBytes(StandardCharsets.US_ASCII));
                } catch (Exception e) {
                    // the client below reports it
                }
            });
            CompletableFuture<Response> response = new CompletableFuture<>();
            Thread.ofVirtual().start(() -> {
                try {
                    response.complete(get(listener.getLocalPort(), "/warm-up", Duration.ofSeconds(10)));
                } catch (Throwable t) {
                    response.completeExceptionally(t);
                }
            });
            response.get(20, TimeUnit.SECONDS);
            fake.join();
        }
    }

    // ---- the properties ---------------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void throwingHandlerGives500AndTheServerKeepsServing() throws Exception {
        TinyServer server = start(path -> {
            if (path.equals("/missing")) {
                throw new IllegalStateException("no page at /missing");
            }
            return "found " + path;
        });
        try {
            Response failed;
            try {
                failed = get(server.port(), "/missing", Duration.ofSeconds(5));
            } catch (IOException e) {
                throw new AssertionError("GET /missing, whose handler throws IllegalStateException(\"no page at "
                        + "/missing\"), got no HTTP response: " + e.getMessage() + ". Catch the handler's exception and "
                        + "answer 500 with its message; an exception that escapes drops the connection without an answer "
                        + "(and if it escapes the accept loop, it stops the whole server).");
            }
            if (failed.status() != 500 || !failed.body().contains("no page at /missing")) {
                fail("GET /missing, whose handler throws IllegalStateException(\"no page at /missing\"), got "
                        + failed.status() + " '" + failed.body() + "'; expected 500 with the exception's message "
                        + "'no page at /missing' as the body.");
            }
            Response next;
            try {
                next = get(server.port(), "/after", Duration.ofSeconds(5));
            } catch (IOException e) {
                throw new AssertionError("after the handler threw for GET /missing, the next request (GET /after) got "
                        + "no response: " + e.getMessage() + ". A failing handler must not stop the server: catch its "
                        + "exception where the connection is served, and keep accepting.");
            }
            if (next.status() != 200 || !next.body().equals("found /after")) {
                fail("after the handler threw for GET /missing, GET /after got " + next.status() + " '" + next.body()
                        + "' instead of 200 'found /after'.");
            }
        } finally {
            closeQuietly(server);
        }
    }

    @Test
    @Order(2)
    void eachRequestIsHandledOnItsOwnVirtualThread() throws Exception {
        Crowd crowd = new Crowd("/page/", 10);
        CallRecorder<String, String> handler = CallRecorder.of(crowd.admitting(path -> {
            Blocking.sleep(20);
            return "page " + path;
        }));
        TinyServer server = start(handler);
        try {
            crowd.send(server.port());
            if (!crowd.awaitAll(Duration.ofSeconds(15))) {
                fail("only " + crowd.answered() + " of 10 concurrent requests (handler: 20 ms each) were answered "
                        + "within 15 s. " + crowd.firstWrong(path -> "page " + path));
            }
            String wrong = crowd.firstWrong(path -> "page " + path);
            if (wrong != null) {
                fail("10 concurrent requests: " + wrong);
            }
            int onPlatform = handler.calls() - handler.callsOnVirtualThreads();
            if (onPlatform > 0) {
                List<String> threads = handler.callers().stream().filter(t -> !t.isVirtual()).map(Thread::getName)
                        .distinct().sorted().limit(5).toList();
                fail(onPlatform + " of " + handler.calls() + " handler calls ran on platform threads (" + threads
                        + "). Handle each request on its own virtual thread: Thread.ofVirtual().start(...) or "
                        + "Executors.newVirtualThreadPerTaskExecutor(). A blocked virtual thread costs a few hundred "
                        + "bytes; a blocked platform thread holds an OS thread and its stack.");
            }
            if (handler.distinctCallers() < handler.calls()) {
                fail("10 requests were handled by only " + handler.distinctCallers() + " virtual thread(s); start a "
                        + "new virtual thread for each connection (they are cheap and never pooled), so that one slow "
                        + "request never waits for another.");
            }
        } finally {
            closeQuietly(server);
        }
    }

    @Test
    @Order(3)
    void startsOnlyAHandfulOfPlatformThreads() throws Exception {
        ThreadCensus census = ThreadCensus.take();
        Crowd crowd = new Crowd("/slow/", 40);
        TinyServer server = start(crowd.admitting(path -> {
            Blocking.sleep(50);
            return "slow " + path;
        }));
        try {
            crowd.send(server.port());
            if (!crowd.awaitAll(Duration.ofSeconds(15))) {
                fail("only " + crowd.answered() + " of 40 concurrent requests (handler: 50 ms each) were answered "
                        + "within 15 s. " + crowd.firstWrong(path -> "slow " + path));
            }
            long started = census.platformThreadsStarted();
            if (started > 8) {
                fail("starting the server and serving 40 concurrent slow requests started " + started + " platform "
                        + "threads; a handful (at most 8) should do. A platform thread per request costs an OS thread "
                        + "and its stack each, and a server with thousands of slow requests runs out of them (the "
                        + "sandbox allows about 250). Handle each request on a virtual thread.");
            }
        } finally {
            closeQuietly(server);
        }
    }

    @Test
    @Order(4)
    void closeFreesThePortAndLeavesNoThreads() throws Exception {
        ThreadCensus census = ThreadCensus.take();
        TinyServer server = start(path -> "hello " + path);
        int port = server.port();
        Response response;
        try {
            response = get(port, "/before-close", Duration.ofSeconds(5));
        } catch (IOException e) {
            closeQuietly(server);
            throw new AssertionError("GET /before-close got no response: " + e.getMessage());
        }
        if (response.status() != 200) {
            closeQuietly(server);
            fail("GET /before-close got " + response.status() + " instead of 200");
        }
        close(server);
        IOException stillBound = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        do {
            try (ServerSocket again = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
                stillBound = null;
                break;
            } catch (IOException e) {
                stillBound = e;
                Blocking.sleep(20);
            }
        } while (System.nanoTime() < deadline);
        if (stillBound != null) {
            fail("1 s after close() returned, port " + port + " was still taken: a new ServerSocket could not bind it ("
                    + stillBound.getMessage() + "). close() must close the ServerSocket. Setting a flag is not enough: "
                    + "the accept loop is blocked in accept() and never looks at it, while closing the ServerSocket "
                    + "makes accept() throw, which ends the loop.");
        }
        census.assertNoneLeftRunning("close()", Duration.ofSeconds(2), "close() must end every thread the server "
                + "started: close the ServerSocket so the accept loop ends, and shut down any executor it uses.");
    }

    @Test
    @Order(5)
    void listensOnLoopbackOnly() throws Exception {
        TinyServer server = start(path -> "local " + path);
        try {
            int port = server.port();
            // The kernel's own table of listening sockets says which address the server bound.
            List<String> bound = listeningAddresses(port);
            if (bound.isEmpty()) {
                fail("no socket is listening on port " + port + ", the port() the server reports: bind the "
                        + "ServerSocket in start() and return its getLocalPort().");
            }
            List<String> wildcard = bound.stream().filter(address -> address.matches("0+")).toList();
            if (!wildcard.isEmpty()) {
                fail("the server listens on port " + port + " of every network interface (address 0.0.0.0 / ::), so "
                        + "any machine that can reach this one can send it requests. Listen on 127.0.0.1 only: "
                        + "new ServerSocket(0, backlog, InetAddress.getLoopbackAddress()).");
            }
        } finally {
            closeQuietly(server);
        }
    }

    /** The local addresses (hex, as /proc/net/tcp and tcp6 write them) of the sockets listening on {@code port}. */
    private static List<String> listeningAddresses(int port) throws IOException {
        List<String> addresses = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path file = Path.of(table);
            if (!Files.isReadable(file)) {
                continue;
            }
            for (String line : Files.readAllLines(file)) {
                String[] fields = line.trim().split("\\s+");
                // sl local_address rem_address st ...; st 0A is LISTEN
                if (fields.length > 3 && fields[1].contains(":") && fields[3].equals("0A")) {
                    String[] local = fields[1].split(":");
                    if (Integer.parseInt(local[1], 16) == port) {
                        addresses.add(local[0]);
                    }
                }
            }
        }
        return addresses;
    }

    @Test
    @Order(6)
    void twoHundredSlowRequestsAreServedAtOnce() throws Exception {
        // Each handler call waits until all 200 are in the handler (or 10 s have passed): the verdict is how many
        // requests were handled at the same moment, not a wall time that a busy machine stretches.
        Crowd crowd = new Crowd("/report/", 200);
        CountDownLatch allInHandler = new CountDownLatch(200);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        CallRecorder<String, String> handler = CallRecorder.of(crowd.admitting(path -> {
            allInHandler.countDown();
            try {
                allInHandler.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "report " + path;
        }));
        TinyServer server = start(handler);
        try {
            crowd.send(server.port());
            if (!crowd.awaitAll(Duration.ofSeconds(16))) {
                fail("only " + crowd.answered() + " of 200 concurrent requests were answered within 16 s, and at most "
                        + handler.peakInFlight() + " handler calls ran at the same time. Serve each connection on its "
                        + "own virtual thread, so that the accept loop goes straight back to accept().");
            }
            int together = handler.peakInFlight();
            if (together < 200) {
                fail("at most " + together + " of 200 concurrent requests were being handled at the same time (each "
                        + "handler call waited up to 10 s for the others). A slow handler must not hold up other "
                        + "requests: if all 200 wait at the same time, 200 requests of 200 ms take about 0.2 s, while "
                        + "one request at a time takes 40 s and a pool of 4 threads 10 s. Serve each connection on its "
                        + "own virtual thread, so that the accept loop goes straight back to accept().");
            }
            String wrong = crowd.firstWrong(path -> "report " + path);
            if (wrong != null) {
                fail("200 concurrent requests: " + wrong);
            }
        } finally {
            closeQuietly(server);
        }
    }
}
