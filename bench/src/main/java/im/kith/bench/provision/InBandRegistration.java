package im.kith.bench.provision;

import im.kith.bench.xml.Xml;
import im.kith.bench.xmpp.Accounts;
import im.kith.bench.xmpp.Credentials;
import im.kith.bench.xmpp.XmppConnector;
import im.kith.bench.xmpp.XmppException;
import im.kith.bench.xmpp.XmppSession;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * XEP-0077 in-band registration over STARTTLS. A few connections register accounts one after another,
 * reconnecting when a server ends the stream after a registration; an existing account ({@code conflict})
 * counts as done, since its password is the same derived one.
 */
public final class InBandRegistration implements Provisioner {
    private static final String NS_REGISTER = "jabber:iq:register";
    private static final String FEATURE_REGISTER = "http://jabber.org/features/iq-register";

    private final Context loop;
    private final XmppConnector connector;
    private final int connections;
    private final Duration limit;

    public InBandRegistration(Context loop, XmppConnector connector, int connections, Duration limit) {
        this.loop = loop;
        this.connector = connector;
        this.connections = connections;
        this.limit = limit;
    }

    @Override
    public void provision(Accounts accounts, PrintStream log) throws Exception {
        Promise<int[]> result = Promise.promise();
        loop.runOnContext(v -> new Run(accounts).start().onComplete(result));
        int[] counts = result.future().toCompletionStage().toCompletableFuture()
                .get(limit.toMillis(), TimeUnit.MILLISECONDS);
        log.println("  registered " + counts[0] + " accounts, " + counts[1] + " existed already");
    }

    /** One provisioning run, confined to the event loop. */
    private final class Run {
        private final Accounts accounts;
        private final Promise<int[]> done = Promise.promise();
        private int next;
        private int created;
        private int existing;
        private int activeWorkers;
        private int reconnects;

        Run(Accounts accounts) {
            this.accounts = accounts;
        }

        Future<int[]> start() {
            activeWorkers = Math.min(connections, accounts.count());
            if (activeWorkers == 0) {
                done.complete(new int[] {0, 0});
            }
            for (int i = 0; i < Math.min(connections, accounts.count()); i++) {
                work(null, -1);
            }
            return done.future();
        }

        /**
         * One worker's step: registers {@code account} (or the next unclaimed one when negative) on
         * {@code session}, connecting first when there is no open session.
         */
        private void work(XmppSession session, int account) {
            if (done.future().isComplete()) {
                return;
            }
            int index = account >= 0 ? account : next < accounts.count() ? next++ : -1;
            if (index < 0) {
                if (session != null) {
                    session.close();
                }
                if (--activeWorkers == 0) {
                    done.tryComplete(new int[] {created, existing});
                }
                return;
            }
            if (session == null || !session.isOpen()) {
                if (++reconnects > accounts.count() + connections) {
                    done.tryFail(new IllegalStateException("the server keeps closing registration streams"));
                    return;
                }
                connector.secure().onSuccess(s -> checkOffered(s, index)).onFailure(done::tryFail);
                return;
            }
            Credentials credentials = accounts.credentials(index);
            session.iq("set", null, "<query xmlns='" + NS_REGISTER + "'><username>"
                    + Xml.escape(credentials.localpart()) + "</username><password>"
                    + Xml.escape(credentials.password()) + "</password></query>")
                    .onComplete(outcome -> {
                        if (outcome.succeeded()) {
                            created++;
                        } else if (outcome.cause() instanceof XmppException e && e.condition().equals("conflict")) {
                            existing++;
                        } else if (!session.isOpen()) {
                            work(null, index);
                            return;
                        } else {
                            done.tryFail(new IllegalStateException("registering " + credentials.localpart()
                                    + " failed: " + outcome.cause().getMessage()));
                            return;
                        }
                        work(session, -1);
                    });
        }

        private void checkOffered(XmppSession session, int account) {
            if (session.features().child("register", FEATURE_REGISTER) == null) {
                session.close();
                done.tryFail(new IllegalStateException("the server does not offer in-band registration"));
            } else {
                work(session, account);
            }
        }
    }
}
