package im.kith.xmpp.sasl;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import im.kith.xmpp.support.Blocking;

/** Shared set-up for the SASL tests: accounts in a map, a settable clock, contexts. */
final class SaslFixtures {
    static final String DOMAIN = "example.org";

    final Map<String, SaslAccount> accounts = new ConcurrentHashMap<>();
    final MutableClock clock = new MutableClock();
    final AuthThrottle throttle;
    final SaslMechanisms mechanisms;

    SaslFixtures(String serverNonce) {
        this(serverNonce, config(20, 5, Duration.ofMinutes(5), 1000));
    }

    SaslFixtures(String serverNonce, AuthConfig config) {
        throttle = new AuthThrottle(config, clock);
        mechanisms = new SaslMechanisms(store(), throttle, config.scramIterations(), new Blocking(),
                () -> serverNonce);
    }

    /** Adds an account with credentials for both hashes, derived from a password and fixed salts. */
    void addAccount(String localpart, String password, boolean disabled) {
        addAccount(localpart, disabled, ScramCredential.derive(ScramHash.SHA_1, password, salt(1), 4096),
                ScramCredential.derive(ScramHash.SHA_256, password, salt(2), 4096));
    }

    void addAccount(String localpart, boolean disabled, ScramCredential... credentials) {
        accounts.put(localpart, new SaslAccount(localpart, disabled, List.of(credentials)));
    }

    CredentialStore store() {
        return new CredentialStore() {
            @Override
            public CompletionStage<Optional<SaslAccount>> credentials(String localpart) {
                return CompletableFuture.supplyAsync(() -> Optional.ofNullable(accounts.get(localpart)));
            }

            @Override
            public byte[] decoySecret() {
                return "a test secret of thirty-two byte".getBytes(StandardCharsets.US_ASCII);
            }
        };
    }

    SaslMechanism mechanism(String name, SaslContext context) {
        return mechanisms.find(name, context).orElseThrow(() -> new AssertionError(name + " not offered"));
    }

    static SaslContext plainContext() {
        return new SaslContext(DOMAIN, false, ChannelBinding.NONE, address("192.0.2.1"));
    }

    static SaslContext tlsContext(ChannelBinding binding) {
        return new SaslContext(DOMAIN, true, binding, address("192.0.2.1"));
    }

    static SaslContext tlsContext(ChannelBinding binding, String address) {
        return new SaslContext(DOMAIN, true, binding, address(address));
    }

    static ChannelBinding binding(Map<String, byte[]> data) {
        return new ChannelBinding() {
            @Override
            public List<String> types() {
                return List.copyOf(data.keySet());
            }

            @Override
            public Optional<byte[]> data(String type) {
                return Optional.ofNullable(data.get(type));
            }
        };
    }

    static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static byte[] salt(int seed) {
        byte[] salt = new byte[ScramCredential.SALT_LENGTH];
        java.util.Arrays.fill(salt, (byte) seed);
        return salt;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    static byte[] b64(String s) {
        return Base64.getDecoder().decode(s);
    }

    static SaslStep step(SaslExchange exchange, String message) {
        return step(exchange, utf8(message));
    }

    static SaslStep step(SaslExchange exchange, byte[] message) {
        try {
            return exchange.step(message).toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("exchange step did not complete normally", e);
        }
    }

    static AuthConfig config(int ipMax, int accountMax, Duration window, int maxEntries) {
        return new AuthConfig() {
            @Override
            public int scramIterations() {
                return 4096;
            }

            @Override
            public Throttle throttle() {
                return new Throttle() {
                    @Override
                    public int ipMaxFailures() {
                        return ipMax;
                    }

                    @Override
                    public Duration ipWindow() {
                        return window;
                    }

                    @Override
                    public int accountMaxFailures() {
                        return accountMax;
                    }

                    @Override
                    public Duration accountWindow() {
                        return window;
                    }

                    @Override
                    public int maxEntries() {
                        return maxEntries;
                    }
                };
            }

            @Override
            public Sasl2 sasl2() {
                return new Sasl2() {
                    @Override
                    public boolean enabled() {
                        return true;
                    }

                    @Override
                    public boolean fast() {
                        return true;
                    }

                    @Override
                    public Duration fastTokenLifetime() {
                        return Duration.ofDays(21);
                    }
                };
            }
        };
    }

    /** A clock that stands still until moved. */
    static final class MutableClock extends Clock {
        private volatile Instant now = Instant.parse("2025-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
