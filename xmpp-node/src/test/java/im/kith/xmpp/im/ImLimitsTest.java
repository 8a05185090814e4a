package im.kith.xmpp.im;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import im.kith.testkit.PostgresDatabase;
import im.kith.xmpp.account.AccountService;
import im.kith.xmpp.transport.C2sListeners;

/** The configured roster size and offline storage limits, set low here. */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
@TestProfile(ImLimitsTest.SmallLimits.class)
class ImLimitsTest {

    /**
     * Three contacts per roster, two stored messages per account; and time for the first TLS handshake of
     * this second application, which can be slow on a busy machine.
     */
    public static final class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kith.roster.max-items", "3", "kith.offline.max-messages", "2",
                    "kith.c2s.auth-timeout", "PT2M");
        }
    }

    @Inject
    C2sListeners listeners;

    @Inject
    AccountService accounts;

    @Test
    void rosterSetBeyondTheLimitIsNotAllowed() throws Exception {
        try (ImClient alice = ImClient.login(listeners.port(), ImClient.newAccount(accounts, "alice"), "home")) {
            for (String contact : List.of("a", "b", "c")) {
                alice.roster().createItem(ImClient.jid(contact), contact, null);
            }
            assertThatThrownBy(() -> alice.roster().createItem(ImClient.jid("d"), "d", null))
                    .isInstanceOfSatisfying(XMPPException.XMPPErrorException.class,
                            e -> assertThat(e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.not_allowed));
            // Updating an existing item is still fine.
            alice.roster().createItem(ImClient.jid("a"), "renamed", null);
        }
    }

    @Test
    void subscriptionRequestToAFullRosterFailsWithResourceConstraint() throws Exception {
        String bob = ImClient.newAccount(accounts, "bob");
        try (ImClient b = ImClient.login(listeners.port(), bob, "home")) {
            for (String contact : List.of("a", "b", "c")) {
                b.roster().createItem(ImClient.jid(contact), contact, null);
            }
        }
        try (ImClient alice = ImClient.login(listeners.port(), ImClient.newAccount(accounts, "alice"), "home")) {
            alice.available();
            alice.presence(Presence.Type.subscribe, ImClient.jid(bob));
            Presence error = alice.nextPresence(p -> p.getType() == Presence.Type.error);
            assertThat(error).isNotNull();
            assertThat(error.getError().getCondition()).isEqualTo(StanzaError.Condition.resource_constraint);
        }
    }

    @Test
    void messagesBeyondTheOfflineCapBounceWithServiceUnavailable() throws Exception {
        String bob = ImClient.newAccount(accounts, "bob");
        try (ImClient alice = ImClient.login(listeners.port(), ImClient.newAccount(accounts, "alice"), "home")) {
            alice.available();
            for (String body : List.of("one", "two", "three")) {
                alice.chat(ImClient.jid(bob), body);
            }
            List<Message> errors = alice.drainMessages();
            assertThat(errors).singleElement().satisfies(error -> {
                assertThat(error.getType()).isEqualTo(Message.Type.error);
                assertThat(error.getError().getCondition()).isEqualTo(StanzaError.Condition.service_unavailable);
            });
        }
        try (ImClient b = ImClient.login(listeners.port(), bob, "home")) {
            b.available();
            assertThat(b.drainMessages()).extracting(Message::getBody).containsExactly("one", "two");
        }
    }
}
