package im.kith.xmpp.s2s;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import im.kith.xmpp.session.Connection;
import im.kith.xmpp.stanza.StanzaErrorCondition;

/**
 * The receiving server's side of XEP-0220 §2.1.3: asks the authoritative server of the originating
 * domain, on a separate TLS-protected stream, whether a key presented to us is genuine.
 */
@ApplicationScoped
public class DialbackVerifier {
    private final FederationServices services;
    private final OutboundConnector connector;

    @Inject
    public DialbackVerifier(FederationServices services, OutboundConnector connector) {
        this.services = services;
        this.connector = connector;
    }

    /** The verdict of the authoritative server on a key; fails when it cannot be reached in time. */
    public CompletionStage<Boolean> verify(String receiving, String originating, String streamId, String key) {
        CompletableFuture<Boolean> verdict = new CompletableFuture<>();
        AtomicReference<OutboundStream> stream = new AtomicReference<>();
        OutboundListener listener = new OutboundListener() {
            @Override
            public void ready(OutboundStream s) {
                s.verify(streamId, key);
            }

            @Override
            public void failed(OutboundStream s, StanzaErrorCondition condition, String reason) {
                verdict.completeExceptionally(new OutboundConnector.UnreachableException(reason));
            }

            @Override
            public void verified(String id, boolean valid) {
                if (streamId.equals(id)) {
                    verdict.complete(valid);
                    stream.get().closeGracefully();
                }
            }
        };
        Connection.Cancellable timer = connector.schedule(services.config().connectTimeout(), () -> {
            if (verdict.completeExceptionally(new OutboundConnector.UnreachableException(
                    "no answer from the authoritative server of " + originating))) {
                OutboundStream s = stream.get();
                if (s != null) {
                    s.link.executor().execute(s::closeGracefully);
                }
            }
        });
        connector.connect(originating, link -> {
            OutboundStream s = new OutboundStream(link, services, receiving, originating,
                    OutboundStream.Purpose.VERIFY, listener);
            stream.set(s);
            return s;
        }).whenComplete((link, failure) -> {
            if (failure != null) {
                verdict.completeExceptionally(failure);
            } else {
                link.executor().execute(() -> stream.get().start());
            }
        });
        return verdict.whenComplete((v, f) -> timer.cancel());
    }
}
