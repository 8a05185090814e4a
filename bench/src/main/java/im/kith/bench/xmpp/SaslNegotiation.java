package im.kith.bench.xmpp;

import im.kith.bench.sasl.ScramClient;
import im.kith.bench.sasl.ScramException;
import im.kith.bench.sasl.ScramKeyCache;
import im.kith.bench.sasl.ScramMechanism;
import im.kith.bench.xml.Element;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The SASL exchange of RFC 6120 §6 with the strongest SCRAM mechanism the server offers. The server must
 * prove that it knows the password, in {@code <success/>} or in a last challenge, before success counts.
 */
final class SaslNegotiation {
    private final ScramClient scram;
    private boolean finalSent;
    private boolean serverVerified;

    /** @throws XmppException when the features offer no SCRAM mechanism */
    SaslNegotiation(Element features, Credentials credentials, ScramKeyCache keys, RandomGenerator random) {
        List<String> offered = new ArrayList<>();
        Element mechanisms = features.child("mechanisms", Namespaces.SASL);
        if (mechanisms != null) {
            mechanisms.children().forEach(m -> offered.add(m.text().trim()));
        }
        ScramMechanism mechanism = ScramMechanism.strongestOf(offered).orElseThrow(
                () -> new XmppException("sasl", "no SCRAM mechanism offered, server offers " + offered));
        this.scram = new ScramClient(mechanism, credentials.localpart(), credentials.password(),
                ScramClient.newNonce(random), keys);
    }

    ScramMechanism mechanism() {
        return scram.mechanism();
    }

    /** The {@code <auth/>} element that starts the exchange. */
    String start() {
        return "<auth xmlns='" + Namespaces.SASL + "' mechanism='" + scram.mechanism().saslName() + "'>"
                + encode(scram.clientFirstMessage()) + "</auth>";
    }

    /**
     * Handles one element from the server.
     *
     * @return the response to send, or {@code null} once authentication succeeded
     * @throws XmppException on failure, a protocol violation or a server that failed to prove itself
     */
    String handle(Element element) {
        if (!Namespaces.SASL.equals(element.namespace())) {
            throw new XmppException("protocol", "unexpected " + element.name() + " during SASL");
        }
        try {
            switch (element.name()) {
                case "challenge" -> {
                    if (finalSent) {
                        verify(element.text());
                        return "<response xmlns='" + Namespaces.SASL + "'/>";
                    }
                    finalSent = true;
                    return "<response xmlns='" + Namespaces.SASL + "'>"
                            + encode(scram.clientFinalMessage(decode(element.text()))) + "</response>";
                }
                case "success" -> {
                    String additional = element.text().trim();
                    if (!additional.isEmpty() && !additional.equals("=")) {
                        verify(additional);
                    }
                    if (!serverVerified) {
                        throw new XmppException("sasl", "server never proved knowledge of the password");
                    }
                    return null;
                }
                case "failure" -> {
                    String condition = element.children().isEmpty() ? "undefined" : element.children().get(0).name();
                    throw new XmppException(condition, "SASL failure " + condition);
                }
                default -> throw new XmppException("protocol", "unexpected SASL element " + element.name());
            }
        } catch (ScramException e) {
            throw new XmppException("sasl", e.getMessage());
        }
    }

    private void verify(String serverFinal) throws ScramException {
        scram.verifyServerFinal(decode(serverFinal));
        serverVerified = true;
    }

    private static String encode(String scramMessage) {
        return Base64.getEncoder().encodeToString(scramMessage.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String base64) {
        try {
            return new String(Base64.getDecoder().decode(base64.trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new XmppException("sasl", "invalid base64 from server");
        }
    }
}
