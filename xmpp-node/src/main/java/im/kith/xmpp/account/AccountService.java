package im.kith.xmpp.account;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import im.kith.xmpp.config.NodeConfig;
import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.jid.JidException;
import im.kith.xmpp.sasl.AuthConfig;
import im.kith.xmpp.sasl.CredentialStore;
import im.kith.xmpp.sasl.Passwords;
import im.kith.xmpp.sasl.SaslAccount;
import im.kith.xmpp.sasl.ScramCredential;
import im.kith.xmpp.sasl.ScramHash;
import im.kith.xmpp.support.Blocking;
import io.quarkus.runtime.StartupEvent;

/**
 * The accounts of the served domain: creation, passwords, roles, removal and bulk import, and the
 * credential look-up SASL authenticates against.
 *
 * <p>Methods returning plain values block on the database: call them on a virtual thread (see
 * {@link Blocking}), never on an event loop. Setting a password costs two PBKDF2 runs (SCRAM-SHA-1 and
 * SCRAM-SHA-256, {@code kith.auth.scram-iterations} each). Changes are announced with the CDI events
 * {@link AccountCreated}, {@link AccountRemoved}, {@link AccountDisabled}, {@link PasswordChanged} and
 * {@link RoleChanged},
 * fired synchronously after the change is committed.
 */
@ApplicationScoped
public class AccountService implements CredentialStore {
    private static final Logger LOG = Logger.getLogger(AccountService.class);
    private static final String DECOY_SECRET = "sasl-decoy";
    private static final int MIN_RECOMMENDED_ITERATIONS = 4096;

    private final AccountStore store;
    private final ServerSecrets secrets;
    private final Blocking blocking;
    private final Clock clock;
    private final String domain;
    private final int iterations;
    private final Event<AccountCreated> created;
    private final Event<AccountRemoved> removed;
    private final Event<AccountDisabled> disabled;
    private final Event<PasswordChanged> passwordChanged;
    private final Event<RoleChanged> roleChanged;
    private final SecureRandom random = new SecureRandom();
    private volatile byte[] decoySecret;

    AccountService(AccountStore store, ServerSecrets secrets, Blocking blocking, Clock clock, NodeConfig node,
            AuthConfig auth, Event<AccountCreated> created, Event<AccountRemoved> removed,
            Event<AccountDisabled> disabled, Event<PasswordChanged> passwordChanged, Event<RoleChanged> roleChanged) {
        this.store = store;
        this.secrets = secrets;
        this.blocking = blocking;
        this.clock = clock;
        this.domain = Jid.normalizeDomain(node.domain());
        this.iterations = auth.scramIterations();
        if (iterations < 1) {
            throw new IllegalStateException("kith.auth.scram-iterations must be positive, not " + iterations);
        }
        if (iterations < MIN_RECOMMENDED_ITERATIONS) {
            LOG.warnf("kith.auth.scram-iterations=%d is below the %d that RFC 7677 §4 recommends", iterations,
                    MIN_RECOMMENDED_ITERATIONS);
        }
        this.created = created;
        this.roleChanged = roleChanged;
        this.removed = removed;
        this.disabled = disabled;
        this.passwordChanged = passwordChanged;
    }

    /** Loads the decoy secret at start, so that SASL never waits for it on an event loop. */
    void onStart(@Observes StartupEvent event) {
        decoySecret();
    }

    /** The served domain; account JIDs are {@code localpart@domain}. */
    public String domain() {
        return domain;
    }

    /**
     * The normalised localpart named by a localpart or by a bare JID of the served domain.
     *
     * @throws AccountException (INVALID) if it is neither
     */
    public String localpartOf(String localpartOrJid) {
        if (localpartOrJid == null || localpartOrJid.isBlank()) {
            throw new AccountException(AccountException.Reason.INVALID, "account name is empty");
        }
        try {
            if (localpartOrJid.indexOf('@') < 0) {
                return Jid.normalizeLocal(localpartOrJid);
            }
            Jid jid = Jid.parse(localpartOrJid);
            if (jid.local() == null || !jid.isBare() || !jid.domain().equals(domain)) {
                throw new AccountException(AccountException.Reason.INVALID,
                        "'" + localpartOrJid + "' is not an account of " + domain);
            }
            return jid.local();
        } catch (JidException e) {
            throw new AccountException(AccountException.Reason.INVALID,
                    "invalid account name '" + localpartOrJid + "': " + e.getMessage());
        }
    }

    /**
     * Creates an account.
     *
     * @throws AccountException INVALID for a bad name or password, EXISTS if the name is taken
     */
    public Account create(String localpart, String password, Role role) {
        String name = localpartOf(localpart);
        List<ScramCredential> credentials = credentialsFor(password);
        Instant now = now();
        boolean inserted = sql(() -> store.insert(new AccountStore.NewAccount(name, role, credentials), now));
        if (!inserted) {
            throw new AccountException(AccountException.Reason.EXISTS, "account " + name + " exists already");
        }
        Account account = new Account(jid(name), role, false, now);
        LOG.infof("Account %s created (%s)", account.jid(), role);
        created.fire(new AccountCreated(account));
        return account;
    }

    /** Sets a new password. @throws AccountException INVALID or NOT_FOUND */
    public void changePassword(String localpart, String password) {
        String name = localpartOf(localpart);
        List<ScramCredential> credentials = credentialsFor(password);
        if (!sql(() -> store.replaceCredentials(name, credentials))) {
            throw AccountException.notFound(name);
        }
        LOG.infof("Password of %s changed", name);
        passwordChanged.fire(new PasswordChanged(name));
    }

    /** Deletes an account with its credentials; false if there was none. */
    public boolean delete(String localpart) {
        Optional<String> name = validName(localpart);
        if (name.isEmpty() || !sql(() -> store.delete(name.get()))) {
            return false;
        }
        LOG.infof("Account %s deleted", name.get());
        removed.fire(new AccountRemoved(name.get()));
        return true;
    }

    public Optional<Account> find(String localpart) {
        Optional<String> name = validName(localpart);
        return name.isEmpty() ? Optional.empty() : sql(() -> store.find(name.get())).map(this::account);
    }

    /** All accounts, ordered by localpart. */
    public List<Account> list() {
        return sql(store::list).stream().map(this::account).toList();
    }

    public boolean exists(String localpart) {
        return find(localpart).isPresent();
    }

    /** Number of accounts. */
    public long count() {
        return sql(store::count);
    }

    /** Disables or re-enables logins. @throws AccountException INVALID or NOT_FOUND */
    public void setDisabled(String localpart, boolean disable) {
        String name = localpartOf(localpart);
        if (!sql(() -> store.setDisabled(name, disable))) {
            throw AccountException.notFound(name);
        }
        LOG.infof("Account %s %s", name, disable ? "disabled" : "enabled");
        if (disable) {
            disabled.fire(new AccountDisabled(name));
        }
    }

    /** @throws AccountException INVALID or NOT_FOUND */
    public void setRole(String localpart, Role role) {
        String name = localpartOf(localpart);
        if (!sql(() -> store.setRole(name, role))) {
            throw AccountException.notFound(name);
        }
        LOG.infof("Account %s is now %s", name, role);
        roleChanged.fire(new RoleChanged(name, role));
    }

    /** The localparts of the accounts that have this role. */
    public List<String> withRole(Role role) {
        return sql(() -> store.withRole(role));
    }

    /**
     * Creates the accounts of an import file (format in {@link ImportFile}) with role USER, in one
     * transaction. Lines with invalid names or passwords, repeated names and names that exist are skipped
     * and reported. Password hashing, the dominant cost, runs on all cores.
     */
    public ImportResult importAccounts(Reader lines) {
        return importAccounts(lines, ImportFormat.PASSWORDS);
    }

    /** As {@link #importAccounts(Reader)}, with the secrets in the given format. */
    public ImportResult importAccounts(Reader lines, ImportFormat format) {
        long start = System.nanoTime();
        ImportFile.Parsed parsed;
        try {
            parsed = ImportFile.parse(lines, format, this::localpartOf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<ImportResult.Skipped> skipped = new ArrayList<>(parsed.skipped());
        Set<String> taken = parsed.entries().isEmpty() ? Set.of()
                : sql(() -> store.existing(parsed.entries().stream().map(ImportFile.Entry::localpart).toList()));
        List<ImportFile.Entry> fresh = new ArrayList<>();
        for (ImportFile.Entry e : parsed.entries()) {
            if (taken.contains(e.localpart())) {
                skipped.add(new ImportResult.Skipped(e.line(), e.localpart(), "account exists"));
            } else {
                fresh.add(e);
            }
        }
        List<AccountStore.NewAccount> accounts = fresh.parallelStream()
                .map(e -> new AccountStore.NewAccount(e.localpart(), Role.USER, credentialsFor(e.secret())))
                .toList();
        Instant now = now();
        Set<String> inserted = accounts.isEmpty() ? Set.of() : sql(() -> store.insertAll(accounts, now));
        for (ImportFile.Entry e : fresh) {
            if (!inserted.contains(e.localpart())) {
                skipped.add(new ImportResult.Skipped(e.line(), e.localpart(), "account exists"));
            }
        }
        skipped.sort(Comparator.comparingInt(ImportResult.Skipped::line));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        LOG.infof("Imported %d accounts (%d lines skipped) in %d ms", inserted.size(), skipped.size(),
                elapsed.toMillis());
        for (ImportFile.Entry e : fresh) {
            if (inserted.contains(e.localpart())) {
                created.fire(new AccountCreated(new Account(jid(e.localpart()), Role.USER, false, now)));
            }
        }
        return new ImportResult(inserted.size(), skipped, elapsed);
    }

    /** SASL's look-up, run on a virtual thread. */
    @Override
    public CompletionStage<Optional<SaslAccount>> credentials(String localpart) {
        return blocking.supply(() -> store.credentials(localpart));
    }

    @Override
    public byte[] decoySecret() {
        byte[] secret = decoySecret;
        if (secret == null) {
            secret = sql(() -> secrets.get(DECOY_SECRET));
            decoySecret = secret;
        }
        return secret;
    }

    private List<ScramCredential> credentialsFor(ImportFile.Secret secret) {
        return switch (secret) {
            case ImportFile.Secret.Password p -> credentialsFor(p.password());
            case ImportFile.Secret.Derived d -> d.credentials();
        };
    }

    private List<ScramCredential> credentialsFor(String password) {
        try {
            Passwords.prepare(password);
        } catch (IllegalArgumentException e) {
            throw new AccountException(AccountException.Reason.INVALID, "invalid password: " + e.getMessage());
        }
        return List.of(ScramCredential.derive(ScramHash.SHA_1, password, salt(), iterations),
                ScramCredential.derive(ScramHash.SHA_256, password, salt(), iterations));
    }

    /** The current time at the precision PostgreSQL keeps, so returned accounts equal stored ones. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private byte[] salt() {
        byte[] salt = new byte[ScramCredential.SALT_LENGTH];
        random.nextBytes(salt);
        return salt;
    }

    private Optional<String> validName(String localpartOrJid) {
        try {
            return Optional.of(localpartOf(localpartOrJid));
        } catch (AccountException e) {
            return Optional.empty();
        }
    }

    private Jid jid(String localpart) {
        return Jid.of(localpart, domain, null);
    }

    private Account account(AccountStore.Row row) {
        return new Account(jid(row.localpart()), row.role(), row.disabled(), row.createdAt());
    }

    private static <T> T sql(SqlCall<T> call) {
        try {
            return call.call();
        } catch (SQLException e) {
            throw new IllegalStateException("account database error: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface SqlCall<T> {
        T call() throws SQLException;
    }
}
