package im.kith.xmpp.sasl.fast;

import java.time.Instant;

/**
 * A token as handed to a client in {@code <token xmlns='urn:xmpp:fast:0'/>} (XEP-0484 §4.2).
 *
 * @param token     the secret, shown to the client once and never stored
 * @param mechanism the HT mechanism it is bound to
 * @param expiry    when it stops working
 */
public record FastToken(String token, String mechanism, Instant expiry) {
}
