package im.kith.portal.session;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionException;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import im.kith.xmpp.account.AccountException;
import im.kith.xmpp.account.AccountService;
import im.kith.xmpp.sasl.AuthThrottle;
import im.kith.xmpp.sasl.ChannelBinding;
import im.kith.xmpp.sasl.SaslContext;
import im.kith.xmpp.sasl.SaslExchange;
import im.kith.xmpp.sasl.SaslFailure;
import im.kith.xmpp.sasl.SaslMechanisms;
import im.kith.xmpp.sasl.SaslStep;

/**
 * Checks a password the way an XMPP client's PLAIN login is checked: against the account's stored
 * SCRAM key (the password itself is never stored), with a decoy for unknown names, and counted by the
 * node's {@link AuthThrottle}, so that guessing through the portal is throttled together with guessing
 * over XMPP. Blocking: call it on a worker or virtual thread.
 */
@ApplicationScoped
public class PasswordCheck {
    private static final Logger LOG = Logger.getLogger(PasswordCheck.class);
    private static final String PLAIN = "PLAIN";

    private final SaslMechanisms mechanisms;
    private final AuthThrottle throttle;
    private final AccountService accounts;

    PasswordCheck(SaslMechanisms mechanisms, AuthThrottle throttle, AccountService accounts) {
        this.mechanisms = mechanisms;
        this.throttle = throttle;
        this.accounts = accounts;
    }

    /**
     * Checks a name (localpart or bare JID) and password from a client address.
     *
     * @param address the browser's address, for throttling; null if unknown
     */
    public LoginResult check(String name, String password, InetAddress address) {
        if (name == null || name.isBlank() || password == null || password.isEmpty()) {
            return new LoginResult.Refused();
        }
        String localpart;
        try {
            localpart = accounts.localpartOf(name.strip());
        } catch (AccountException e) {
            throttle.failed(address, null);
            return new LoginResult.Refused();
        }
        if (throttle.delay(address, localpart).isPresent()) {
            return new LoginResult.Throttled();
        }
        // The portal only answers over the node's web listeners; the password reached us in a form
        // post, so the mechanism is run as on a TLS-protected stream.
        SaslContext context = new SaslContext(accounts.domain(), true, ChannelBinding.NONE, address);
        SaslExchange exchange = mechanisms.find(PLAIN, context)
                .orElseThrow(() -> new IllegalStateException("the PLAIN mechanism is not available"))
                .start(context);
        byte[] message = ("\0" + localpart + "\0" + password).getBytes(StandardCharsets.UTF_8);
        SaslStep step;
        try {
            step = exchange.step(message).toCompletableFuture().join();
        } catch (CompletionException e) {
            LOG.warnf("Portal password check failed: %s", e.getCause());
            return new LoginResult.Unavailable();
        }
        return switch (step) {
            case SaslStep.Success s -> new LoginResult.Verified(s.localpart());
            case SaslStep.Failure f when f.condition() == SaslFailure.ACCOUNT_DISABLED -> new LoginResult.Disabled();
            case SaslStep.Failure f when f.condition() == SaslFailure.TEMPORARY_AUTH_FAILURE
                    && throttle.delay(address, localpart).isPresent() -> new LoginResult.Throttled();
            case SaslStep.Failure f when f.condition() == SaslFailure.TEMPORARY_AUTH_FAILURE ->
                new LoginResult.Unavailable();
            case SaslStep.Failure f -> new LoginResult.Refused();
            case SaslStep.Challenge c -> new LoginResult.Refused();
        };
    }
}
