package im.kith.xmpp.sasl;

import java.util.concurrent.CompletionStage;

/**
 * One running authentication exchange. {@link #step} is called with the initial response (empty array
 * when the client sent none or sent "=") and then with each {@code <response/>}; never concurrently.
 * The returned stage may complete on any thread (credential look-ups run off the event loop).
 */
public interface SaslExchange {
    CompletionStage<SaslStep> step(byte[] response);
}
