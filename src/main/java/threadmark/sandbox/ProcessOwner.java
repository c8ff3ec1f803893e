package threadmark.sandbox;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Optional;

/**
 * Who started a container or holds a job: a server process, as {@code host:pid@startMillis}. The start time tells
 * a restarted process from its previous incarnation with the same pid (PID 1 in every container of a pod).
 */
public record ProcessOwner(String host, long pid, long startMillis) {

    private static final ProcessOwner CURRENT = new ProcessOwner(hostName(), ProcessHandle.current().pid(),
            startMillisOf(ProcessHandle.current()).orElse(0L));

    public static ProcessOwner current() {
        return CURRENT;
    }

    /** The owner written by {@link #toString()}, or empty if the text is not one. */
    public static Optional<ProcessOwner> parse(String text) {
        int at = text.lastIndexOf('@');
        int colon = text.lastIndexOf(':', at < 0 ? text.length() : at);
        if (at < 0 || colon < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ProcessOwner(text.substring(0, colon), Long.parseLong(text.substring(colon + 1, at)),
                    Long.parseLong(text.substring(at + 1))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** True when this owner ran on this host and is no longer alive; an owner on another host is never judged. */
    public boolean isDeadOnThisHost() {
        if (!host.equals(CURRENT.host)) {
            return false;
        }
        if (equals(CURRENT)) {
            return false;
        }
        return ProcessHandle.of(pid).flatMap(ProcessOwner::startMillisOf).map(start -> start != startMillis).orElse(true);
    }

    @Override
    public String toString() {
        return host + ":" + pid + "@" + startMillis;
    }

    private static Optional<Long> startMillisOf(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toEpochMilli);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
