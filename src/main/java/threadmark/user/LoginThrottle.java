package threadmark.user;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: after {@code account-failures} failed logins in a row an account (known or not, so the
 * answer tells nothing about which names exist) must wait before the next attempt, and so must an address after
 * {@code address-failures}; each further failure doubles the wait, up to {@code max-delay}. A waiting attempt is
 * refused before any password check, so a flood of guesses costs no bcrypt time. Kept in this process's memory:
 * behind several web processes each one counts on its own.
 */
@ApplicationScoped
public class LoginThrottle {

    /** Beyond this many remembered names or addresses, those whose failures have expired are dropped. */
    private static final int MAX_TRACKED = 100_000;

    private record Failures(int count, Instant last, Instant waitUntil) {
    }

    private final AccountsConfig.Logins config;
    private final Clock clock;
    private final Map<String, Failures> accounts = new ConcurrentHashMap<>();
    private final Map<String, Failures> addresses = new ConcurrentHashMap<>();

    public LoginThrottle(AccountsConfig config) {
        this.config = config.logins();
        this.clock = Clock.systemUTC();
    }

    /** How long this attempt must still wait, if at all. */
    public Optional<Duration> waitFor(String username, String address) {
        Instant now = clock.instant();
        Duration wait = remaining(accounts.get(key(username)), now);
        if (address != null) {
            Duration byAddress = remaining(addresses.get(address), now);
            wait = byAddress.compareTo(wait) > 0 ? byAddress : wait;
        }
        return wait.isZero() ? Optional.empty() : Optional.of(wait);
    }

    public void failed(String username, String address) {
        Instant now = clock.instant();
        count(accounts, key(username), config.accountFailures(), now);
        if (address != null) {
            count(addresses, address, config.addressFailures(), now);
        }
    }

    /** A right password clears the account's failures (not the address's: one known password must not reset them). */
    public void succeeded(String username) {
        accounts.remove(key(username));
    }

    private void count(Map<String, Failures> map, String key, int allowed, Instant now) {
        if (map.size() > MAX_TRACKED) {
            map.values().removeIf(f -> expired(f, now));
        }
        map.compute(key, (k, before) -> {
            int count = before == null || expired(before, now) ? 1 : before.count() + 1;
            Instant waitUntil = count < allowed ? now : now.plus(delay(count - allowed));
            return new Failures(count, now, waitUntil);
        });
    }

    private Duration delay(int beyond) {
        Duration delay = config.firstDelay().multipliedBy(1L << Math.min(beyond, 20));
        return delay.compareTo(config.maxDelay()) > 0 ? config.maxDelay() : delay;
    }

    private boolean expired(Failures failures, Instant now) {
        return failures.last().plus(config.window()).isBefore(now) && !failures.waitUntil().isAfter(now);
    }

    private static Duration remaining(Failures failures, Instant now) {
        return failures == null || !failures.waitUntil().isAfter(now) ? Duration.ZERO
                : Duration.between(now, failures.waitUntil());
    }

    private static String key(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }
}
