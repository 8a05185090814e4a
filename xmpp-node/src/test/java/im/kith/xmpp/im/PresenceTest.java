package im.kith.xmpp.im;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Inject;

import org.jivesoftware.smack.packet.Nonza;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.PresenceBuilder;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smackx.delay.packet.DelayInformation;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.EntityFullJid;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import im.kith.testkit.PostgresDatabase;
import im.kith.xmpp.account.AccountService;
import im.kith.xmpp.transport.C2sListeners;

/** Presence broadcast, probes, unavailable presence and directed presence (RFC 6121 §4). */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
class PresenceTest {

    @Inject
    C2sListeners listeners;

    @Inject
    AccountService accounts;

    @Test
    void initialPresenceReachesSubscribersAndProbesBringBackTheirPresence() throws Exception {
        String aliceName = account("alice");
        try (ImClient bob = online(account("bob"))) {
            try (ImClient alice = online(aliceName)) {
                ImClient.befriend(alice, bob);
            }
            bob.available("at work", 1);
            try (ImClient alice = ImClient.login(listeners.port(), aliceName, "chamber")) {
                alice.available();
                // §4.2.2: broadcast to the subscribers.
                Presence toBob = bob.nextPresence(p -> p.isAvailable() && alice.connection.getUser().equals(p.getFrom()));
                assertThat(toBob).isNotNull();
                // §4.3: the probe brings back the contact's current presence.
                Presence fromBob = alice.nextPresence(p -> p.isAvailable() && bob.connection.getUser().equals(p.getFrom()));
                assertThat(fromBob).isNotNull();
                assertThat(fromBob.getStatus()).isEqualTo("at work");
                assertThat(fromBob.getPriority()).isEqualTo(1);
            }
        }
    }

    @Test
    void resourcesOfOneAccountSeeEachOthersPresence() throws Exception {
        String alice = account("alice");
        try (ImClient balcony = online(alice); ImClient chamber = ImClient.login(listeners.port(), alice, "chamber")) {
            chamber.available();
            assertThat(balcony.nextPresence(p -> p.isAvailable() && chamber.connection.getUser().equals(p.getFrom())))
                    .isNotNull();
            assertThat(chamber.nextPresence(p -> p.isAvailable() && balcony.connection.getUser().equals(p.getFrom())))
                    .isNotNull();
        }
    }

    @Test
    void endOfSessionBroadcastsUnavailableToSubscribersAndDirectedPresenceRecipients() throws Exception {
        try (ImClient bob = online(account("bob")); ImClient carol = online(account("carol"))) {
            ImClient alice = online(account("alice"));
            ImClient.befriend(alice, bob);
            // §4.6: directed presence reaches an entity that is not a subscriber.
            alice.send(PresenceBuilder.buildPresence().to(carol.connection.getUser()).build());
            assertThat(carol.nextPresence(p -> p.isAvailable() && alice.connection.getUser().equals(p.getFrom()))).isNotNull();
            // §4.4.2: subsequent presence is broadcast to subscribers only.
            alice.available("busy", 0);
            assertThat(bob.nextPresence(p -> "busy".equals(p.getStatus()))).isNotNull();
            assertThat(carol.receivesPresence(p -> "busy".equals(p.getStatus()))).isFalse();

            EntityFullJid aliceHome = alice.connection.getUser();
            alice.close();
            // §4.5.2, §4.6.3: unavailable on the user's behalf to subscribers and directed-presence recipients.
            Presence toBob = bob.nextPresence(Presence.Type.unavailable, aliceHome.asBareJid());
            assertThat(toBob).isNotNull();
            assertThat((Object) toBob.getFrom()).isEqualTo(aliceHome);
            Presence toCarol = carol.nextPresence(Presence.Type.unavailable, aliceHome.asBareJid());
            assertThat(toCarol).isNotNull();
            assertThat((Object) toCarol.getFrom()).isEqualTo(aliceHome);
        }
    }

    @Test
    void probeForAContactWhoIsAwayIsAnsweredWithItsLastUnavailablePresence() throws Exception {
        String aliceName = account("alice");
        try (ImClient bob = online(account("bob"))) {
            try (ImClient alice = online(aliceName)) {
                ImClient.befriend(alice, bob);
                Instant before = Instant.now().minusSeconds(1);
                bob.send(PresenceBuilder.buildPresence().ofType(Presence.Type.unavailable).setStatus("gone fishing").build());
                Presence direct = alice.nextPresence(Presence.Type.unavailable, bob.bare());
                assertThat(direct.getStatus()).isEqualTo("gone fishing");

                try (ImClient later = ImClient.login(listeners.port(), aliceName, "later")) {
                    later.available();
                    Presence answer = later.nextPresence(Presence.Type.unavailable, bob.bare());
                    assertThat(answer).isNotNull();
                    assertThat((Object) answer.getFrom()).isEqualTo(bob.bare());
                    assertThat(answer.getStatus()).isEqualTo("gone fishing");
                    DelayInformation delay = DelayInformation.from(answer);
                    assertThat(delay).isNotNull();
                    assertThat(delay.getStamp().toInstant()).isBetween(before, Instant.now().plus(Duration.ofSeconds(1)));
                }
            }
        }
    }

    @Test
    void probeFromSomeoneNotSubscribedRevealsNothing() throws Exception {
        try (ImClient alice = online(account("alice")); ImClient carol = online(account("carol"))) {
            carol.presence(Presence.Type.probe, alice.bare());
            // §4.3.2: no presence for a non-subscriber (the "unsubscribed" answer is for carol's server, which
            // has nothing to cancel and drops it, A.3.4).
            assertThat(carol.receivesPresence(p -> p.getFrom().asBareJid().equals(alice.bare()))).isFalse();
        }
    }

    @Test
    void presenceBreakingTheSyntaxRulesIsRefusedWithBadRequest() throws Exception {
        try (ImClient alice = online(account("alice"))) {
            for (String payload : new String[] {"<show>sleeping</show>", "<priority>300</priority>",
                    "<priority>high</priority>"}) {
                alice.connection.sendNonza(raw("<presence xmlns='jabber:client'>" + payload + "</presence>"));
                Presence error = alice.nextPresence(p -> p.getType() == Presence.Type.error);
                assertThat(error).as(payload).isNotNull();
                assertThat(error.getError().getCondition()).isEqualTo(StanzaError.Condition.bad_request);
            }
        }
    }

    private String account(String prefix) {
        return ImClient.newAccount(accounts, prefix);
    }

    private ImClient online(String name) throws Exception {
        ImClient client = ImClient.login(listeners.port(), name, "home");
        client.available();
        return client;
    }

    private static Nonza raw(String xml) {
        return new Nonza() {
            @Override
            public String getNamespace() {
                return "jabber:client";
            }

            @Override
            public String getElementName() {
                return "presence";
            }

            @Override
            public CharSequence toXML(XmlEnvironment environment) {
                return xml;
            }
        };
    }
}
