package im.kith.xmpp.im;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.chatstates.ChatState;
import org.jivesoftware.smackx.chatstates.packet.ChatStateExtension;
import org.jivesoftware.smackx.delay.packet.DelayInformation;
import org.jxmpp.jid.BareJid;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import im.kith.testkit.PostgresDatabase;
import im.kith.xmpp.account.AccountService;
import im.kith.xmpp.transport.C2sListeners;

/** Offline storage (RFC 6121 §8.5.2.2, XEP-0160) with XEP-0203 delay stamps. */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
class OfflineMessagesTest {

    @Inject
    C2sListeners listeners;

    @Inject
    AccountService accounts;

    @Test
    void messagesToAnOfflineUserArriveInOrderWithADelayStampAtItsInitialPresence() throws Exception {
        String bob = account("bob");
        Instant sent = Instant.now().minusSeconds(1);
        try (ImClient alice = online(account("alice"))) {
            for (String body : new String[] {"one", "two", "three"}) {
                alice.chat(ImClient.jid(bob), body);
            }
            assertThat(alice.drainMessages()).as("no error comes back").isEmpty();
        }
        try (ImClient b = ImClient.login(listeners.port(), bob, "home")) {
            assertThat(b.drainMessages()).as("nothing before initial presence").isEmpty();
            b.available();
            List<Message> received = b.drainMessages();
            assertThat(received).extracting(Message::getBody).containsExactly("one", "two", "three");
            for (Message m : received) {
                DelayInformation delay = DelayInformation.from(m);
                assertThat(delay).isNotNull();
                assertThat(delay.getFrom()).isEqualTo(ImClient.DOMAIN);
                assertThat(delay.getStamp().toInstant()).isBetween(sent, Instant.now());
            }
        }
        try (ImClient again = online(bob)) {
            assertThat(again.drainMessages()).as("delivered messages are deleted").isEmpty();
        }
    }

    @Test
    void storedMessagesGoToOnlyOneOfTwoResourcesComingOnlineTogether() throws Exception {
        String bob = account("bob");
        List<String> bodies = new ArrayList<>();
        try (ImClient alice = online(account("alice"))) {
            for (int i = 0; i < 20; i++) {
                bodies.add("message " + i);
                alice.chat(ImClient.jid(bob), "message " + i);
            }
            alice.drainMessages();
        }
        try (ImClient first = ImClient.login(listeners.port(), bob, "first");
                ImClient second = ImClient.login(listeners.port(), bob, "second")) {
            CompletableFuture.allOf(CompletableFuture.runAsync(() -> available(first)),
                    CompletableFuture.runAsync(() -> available(second))).join();
            List<String> received = new ArrayList<>();
            first.drainMessages().forEach(m -> received.add(m.getBody()));
            second.drainMessages().forEach(m -> received.add(m.getBody()));
            assertThat(received).containsExactlyInAnyOrderElementsOf(bodies);
        }
    }

    @Test
    void messageToAMissingAccountBouncesWithServiceUnavailable() throws Exception {
        try (ImClient alice = online(account("alice"))) {
            BareJid nobody = ImClient.jid("nobody-here");
            alice.chat(nobody, "hello?");
            Message error = alice.nextMessage();
            assertThat(error).isNotNull();
            assertThat(error.getType()).isEqualTo(Message.Type.error);
            assertThat((Object) error.getFrom()).isEqualTo(nobody);
            assertThat(error.getError().getCondition()).isEqualTo(StanzaError.Condition.service_unavailable);
        }
    }

    @Test
    void resourceWithNegativePriorityGetsStoredMessagesOnlyOnceItRaisesIt() throws Exception {
        String bob = account("bob");
        try (ImClient alice = online(account("alice"))) {
            alice.chat(ImClient.jid(bob), "for later");
            alice.drainMessages();
        }
        try (ImClient b = ImClient.login(listeners.port(), bob, "shy")) {
            b.available("lurking", -1);
            assertThat(b.drainMessages()).isEmpty();
            b.available("here", 0);
            Message m = b.nextMessage();
            assertThat(m).isNotNull();
            assertThat(m.getBody()).isEqualTo("for later");
        }
    }

    @Test
    void chatStateNotificationsAloneAreNeitherStoredNorBounced() throws Exception {
        String bob = account("bob");
        try (ImClient alice = online(account("alice"))) {
            alice.send(alice.connection.getStanzaFactory().buildMessageStanza().to(ImClient.jid(bob))
                    .ofType(Message.Type.chat).addExtension(new ChatStateExtension(ChatState.composing)).build());
            alice.chat(ImClient.jid(bob), "worth keeping");
            assertThat(alice.drainMessages()).isEmpty();
        }
        try (ImClient b = online(bob)) {
            assertThat(b.drainMessages()).extracting(Message::getBody).containsExactly("worth keeping");
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

    private static void available(ImClient client) {
        try {
            client.available();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
