package im.kith.acme;

import java.net.IDN;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The ACME configuration resolved into what the certificate manager acts on: whether ACME is on and
 * against which CA, the A-label names to certify and where the files live.
 *
 * @param activation   whether ACME runs, and against which directory
 * @param trustedCa    PEM file trusted for the CA's HTTPS endpoint, instead of the JDK's roots
 * @param tosAgreed    whether the operator accepted the CA's terms of service
 * @param names        the certificate's names, A-labels, lower case, the domain first
 * @param challenge    the challenge type answered
 * @param renewKey     whether renewals use a fresh key
 * @param adminEmail   contact address given to the CA for a new account
 * @param dataDir      the node's data directory
 * @param orderTimeout how long one order may take before it is given up
 * @param retryMin     first back-off delay
 * @param retryMax     longest back-off delay
 */
public record AcmeSettings(
        Activation activation,
        Optional<Path> trustedCa,
        boolean tosAgreed,
        List<String> names,
        ChallengeType challenge,
        boolean renewKey,
        Optional<String> adminEmail,
        Path dataDir,
        Duration orderTimeout,
        Duration retryMin,
        Duration retryMax) {

    /** Let's Encrypt production, the default CA. */
    public static final String LETS_ENCRYPT = "acme://letsencrypt.org";

    private static final Pattern HOSTNAME =
            Pattern.compile("(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    /** Whether ACME runs, and why not. */
    public sealed interface Activation {
        /** ACME is off; the XMPP node's own certificate is left alone. */
        record Off(String reason) implements Activation {}

        /** ACME runs against this directory ({@code acme://} provider URI or {@code https://} URL). */
        record On(URI directory) implements Activation {}

        /** The configuration cannot work; nothing is attempted and the status shows the problem. */
        record Invalid(String problem) implements Activation {}
    }

    public AcmeSettings {
        Objects.requireNonNull(activation, "activation");
        names = List.copyOf(names);
    }

    /** Path of the certificate chain, leaf first. */
    public Path fullchain() {
        return dataDir.resolve("certs").resolve("fullchain.pem");
    }

    /** Path of the certificate's private key (PKCS#8). */
    public Path privateKey() {
        return dataDir.resolve("certs").resolve("privkey.pem");
    }

    /** Path of the ACME account key. */
    public Path accountKey() {
        return dataDir.resolve("acme").resolve("account.pem");
    }

    /** A copy with another activation, e.g. to point a second manager at another CA. */
    public AcmeSettings withActivation(Activation other) {
        return new AcmeSettings(other, trustedCa, tosAgreed, names, challenge, renewKey, adminEmail, dataDir,
                orderTimeout, retryMin, retryMax);
    }

    /** A copy with another data directory. */
    public AcmeSettings withDataDir(Path other) {
        return new AcmeSettings(activation, trustedCa, tosAgreed, names, challenge, renewKey, adminEmail, other,
                orderTimeout, retryMin, retryMax);
    }

    /**
     * Resolves the configuration. Problems never throw: they become {@link Activation.Invalid} so that
     * the node starts anyway and the status explains what to fix.
     */
    public static AcmeSettings resolve(AcmeConfig config, String domain, Path dataDir, Optional<String> adminEmail) {
        String problem = null;
        ChallengeType challenge = ChallengeType.HTTP_01;
        try {
            challenge = ChallengeType.parse(config.challenge());
        } catch (IllegalArgumentException e) {
            problem = e.getMessage();
        }
        List<String> names = List.of();
        try {
            names = names(config.names().filter(l -> !l.isEmpty()).orElseGet(() -> defaultNames(domain)));
        } catch (IllegalArgumentException e) {
            problem = problem == null ? e.getMessage() : problem;
        }
        Activation activation = activation(config.directory().map(String::trim).orElse(""), domain);
        if (problem != null && activation instanceof Activation.On) {
            activation = new Activation.Invalid(problem);
        }
        return new AcmeSettings(activation, config.ca(), config.tosAgreed(), names, challenge, config.renewKey(),
                adminEmail.map(String::trim).filter(s -> !s.isEmpty()), dataDir, config.orderTimeout(),
                config.retryMin(), config.retryMax());
    }

    private static Activation activation(String directory, String domain) {
        if (directory.isEmpty()) {
            if (isLocal(domain)) {
                return new Activation.Off("ACME is off because the domain is " + domain
                        + "; set KITH_DOMAIN to the server's public name to get a certificate");
            }
            return new Activation.On(URI.create(LETS_ENCRYPT));
        }
        if (directory.equalsIgnoreCase("off")) {
            return new Activation.Off("ACME is off (KITH_ACME_DIRECTORY=off)");
        }
        URI uri;
        try {
            uri = new URI(directory);
        } catch (java.net.URISyntaxException e) {
            return new Activation.Invalid("KITH_ACME_DIRECTORY is not a valid URL: " + directory);
        }
        String scheme = Optional.ofNullable(uri.getScheme()).orElse("").toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("acme")) {
            return new Activation.Invalid("KITH_ACME_DIRECTORY must be an https:// or acme:// URL, or 'off', not "
                    + directory);
        }
        return new Activation.On(uri);
    }

    private static boolean isLocal(String domain) {
        String d = domain.toLowerCase(Locale.ROOT);
        return d.equals("localhost") || d.endsWith(".localhost");
    }

    private static List<String> defaultNames(String domain) {
        return List.of(domain, "groups." + domain, "share." + domain);
    }

    /** Converts names to lower-case A-labels (RFC 8555 §7.1.4: identifiers are ASCII, IDNs as A-labels). */
    static List<String> names(List<String> raw) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String name : raw) {
            String trimmed = name.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            String ascii;
            try {
                ascii = IDN.toASCII(trimmed, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + trimmed + "' is not a valid domain name");
            }
            if (ascii.endsWith(".")) {
                ascii = ascii.substring(0, ascii.length() - 1);
            }
            if (!HOSTNAME.matcher(ascii).matches()) {
                throw new IllegalArgumentException("'" + trimmed + "' is not a valid domain name");
            }
            out.add(ascii);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("KITH_ACME_NAMES names no domain");
        }
        return new ArrayList<>(out);
    }
}
