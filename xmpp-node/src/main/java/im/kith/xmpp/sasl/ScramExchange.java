package im.kith.xmpp.sasl;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.jboss.logging.Logger;


/**
 * One SCRAM exchange on the server side (RFC 5802 §3, §5): client-first-message, server-first-message,
 * client-final-message, then success with the server-final-message. Every failure ends the exchange with
 * a {@link SaslStep.Failure}; nothing is thrown to the caller.
 */
final class ScramExchange implements SaslExchange {
    private static final Logger LOG = Logger.getLogger(ScramExchange.class);
    private static final Base64.Encoder B64 = Base64.getEncoder();

    private final ScramMechanism mechanism;
    private final SaslContext context;
    private volatile State state = new AwaitingClientFirst(false);

    private sealed interface State {
    }

    /** {@code challenged}: an empty challenge was sent because the client sent no initial response. */
    private record AwaitingClientFirst(boolean challenged) implements State {
    }

    /**
     * @param account     the account, or null if the name is not one (then {@code credential} is a decoy)
     * @param throttleKey the name failures are counted under
     * @param bindingData the channel-binding data the client must prove, empty without binding
     */
    private record AwaitingClientFinal(ScramMessages.ClientFirst first, SaslAccount account,
            ScramCredential credential, String throttleKey, byte[] bindingData, String serverFirst)
            implements State {
    }

    private record Finished() implements State {
    }

    ScramExchange(ScramMechanism mechanism, SaslContext context) {
        this.mechanism = mechanism;
        this.context = context;
    }

    @Override
    public CompletionStage<SaslStep> step(byte[] response) {
        State current = state;
        try {
            return switch (current) {
                case AwaitingClientFirst first when response.length == 0 && !first.challenged() -> {
                    // RFC 6120 §6.4.2: no initial response, so ask for it with an empty challenge.
                    state = new AwaitingClientFirst(true);
                    yield done(new SaslStep.Challenge(new byte[0]));
                }
                case AwaitingClientFirst first -> clientFirst(response);
                case AwaitingClientFinal awaiting -> done(clientFinal(awaiting, response));
                case Finished finished -> done(fail(null, SaslException.malformed("exchange already finished")));
            };
        } catch (SaslException e) {
            return done(fail(current instanceof AwaitingClientFinal a ? a.throttleKey() : null, e));
        } catch (RuntimeException e) {
            LOG.debugf(e, "SCRAM exchange failed on unexpected input");
            return done(fail(null, SaslException.malformed("unexpected input")));
        }
    }

    private CompletionStage<SaslStep> clientFirst(byte[] response) throws SaslException {
        ScramMessages.ClientFirst first = ScramMessages.parseClientFirst(response);
        byte[] bindingData = checkChannelBinding(first);
        String localpart = Identities.localpart(first.username());
        String throttleKey = localpart != null ? localpart : first.username();
        if (first.authzid() != null && !Identities.authorizes(first.authzid(), localpart, context.domain())) {
            // RFC 6120 §6.3.8: the authzid may only name the authenticating account here.
            throw new SaslException(SaslFailure.INVALID_AUTHZID, "authorization identity is not your account");
        }
        Optional<Duration> delay = mechanism.services().throttle().delay(context.remoteAddress(), throttleKey);
        if (delay.isPresent()) {
            state = new Finished();
            return done(AuthThrottle.refusal(delay.get()));
        }
        CompletionStage<Optional<SaslAccount>> lookup = localpart == null
                ? CompletableFuture.completedFuture(Optional.empty())
                : mechanism.services().store().credentials(localpart);
        return lookup.handle((account, error) -> {
            if (error != null) {
                LOG.warnf(error, "Credential look-up failed for %s", localpart);
                state = new Finished();
                return new SaslStep.Failure(SaslFailure.TEMPORARY_AUTH_FAILURE, "account store unavailable");
            }
            try {
                return serverFirst(first, account.orElse(null), throttleKey, bindingData);
            } catch (RuntimeException e) {
                LOG.warnf(e, "SCRAM server-first-message failed for %s", throttleKey);
                state = new Finished();
                return new SaslStep.Failure(SaslFailure.TEMPORARY_AUTH_FAILURE, null);
            }
        });
    }

    private SaslStep serverFirst(ScramMessages.ClientFirst first, SaslAccount account, String throttleKey,
            byte[] bindingData) {
        ScramCredential credential = Optional.ofNullable(account)
                .flatMap(a -> a.credential(mechanism.hash()))
                .orElseGet(() -> mechanism.decoy(throttleKey));
        String serverFirst = "r=" + first.nonce() + mechanism.services().nonces().get()
                + ",s=" + B64.encodeToString(credential.salt())
                + ",i=" + credential.iterations();
        state = new AwaitingClientFinal(first, account, credential, throttleKey, bindingData, serverFirst);
        return new SaslStep.Challenge(serverFirst.getBytes(StandardCharsets.US_ASCII));
    }

    private SaslStep clientFinal(AwaitingClientFinal awaiting, byte[] response) throws SaslException {
        state = new Finished();
        ScramMessages.ClientFinal fin = ScramMessages.parseClientFinal(response);
        String serverNonce = awaiting.serverFirst().substring(2, awaiting.serverFirst().indexOf(','));
        if (!fin.nonce().equals(serverNonce)) {
            throw new SaslException(SaslFailure.NOT_AUTHORIZED, "nonce does not match");
        }
        // RFC 5802 §6: c= carries the GS2 header and, with 'p', the channel-binding data; both must match.
        byte[] header = awaiting.first().gs2Header().getBytes(StandardCharsets.UTF_8);
        byte[] expected = new byte[header.length + awaiting.bindingData().length];
        System.arraycopy(header, 0, expected, 0, header.length);
        System.arraycopy(awaiting.bindingData(), 0, expected, header.length, awaiting.bindingData().length);
        if (!MessageDigest.isEqual(expected, fin.channelBinding())) {
            throw new SaslException(SaslFailure.NOT_AUTHORIZED, "channel binding does not match");
        }
        byte[] authMessage = (awaiting.first().bare() + "," + awaiting.serverFirst() + "," + fin.withoutProof())
                .getBytes(StandardCharsets.UTF_8);
        boolean verified = awaiting.credential().verifyProof(authMessage, fin.proof());
        SaslAccount account = awaiting.account();
        if (!verified || account == null) {
            LOG.infof("Failed %s login for '%s' from %s", mechanism.name(), awaiting.throttleKey(),
                    context.remoteAddress());
            throw new SaslException(SaslFailure.NOT_AUTHORIZED, null);
        }
        if (account.disabled()) {
            return new SaslStep.Failure(SaslFailure.ACCOUNT_DISABLED, "this account is disabled");
        }
        mechanism.services().throttle().succeeded(context.remoteAddress(), account.localpart());
        byte[] serverFinal = ("v=" + B64.encodeToString(awaiting.credential().serverSignature(authMessage)))
                .getBytes(StandardCharsets.US_ASCII);
        return new SaslStep.Success(account.localpart(), serverFinal);
    }

    /** Checks the gs2-cbind-flag against the mechanism and connection; returns the data to verify later. */
    private byte[] checkChannelBinding(ScramMessages.ClientFirst first) throws SaslException {
        if (!mechanism.plus()) {
            if (first.cbindFlag() == 'p') {
                throw SaslException.malformed("channel binding needs a -PLUS mechanism");
            }
            // RFC 5802 §6 lets a server refuse 'y' when it offers channel binding, as a sign of stripped
            // -PLUS mechanisms. Kith accepts it: RFC 5802's mandatory type is tls-unique, which TLS 1.3
            // lacks and Kith does not offer, so a client that knows only tls-unique (slixmpp, for one)
            // rightly says 'y' while we advertise tls-exporter and tls-server-end-point (XEP-0440).
            // Refusing it would lock such clients out; the GS2 header is still verified in c= below.
            return new byte[0];
        }
        if (first.cbindFlag() != 'p') {
            throw SaslException.malformed(mechanism.name() + " needs channel binding (p=)");
        }
        String type = first.cbindName();
        if (!ScramMechanism.SUPPORTED_BINDINGS.contains(type) || !context.channelBinding().types().contains(type)) {
            throw new SaslException(SaslFailure.NOT_AUTHORIZED, "unsupported channel-binding type " + type);
        }
        return context.channelBinding().data(type).orElseThrow(() -> new SaslException(
                SaslFailure.NOT_AUTHORIZED, "channel-binding type " + type + " unavailable"));
    }

    private SaslStep.Failure fail(String throttleKey, SaslException e) {
        state = new Finished();
        mechanism.services().throttle().failed(context.remoteAddress(), throttleKey);
        return e.toStep();
    }

    private static CompletionStage<SaslStep> done(SaslStep step) {
        return CompletableFuture.completedFuture(step);
    }
}
