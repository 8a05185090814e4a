package im.kith.xmpp.im;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.roster.RosterEntry;
import org.jivesoftware.smack.roster.packet.RosterPacket.ItemType;
import org.jxmpp.jid.BareJid;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import im.kith.testkit.Eventually;
import im.kith.testkit.PostgresDatabase;
import im.kith.xmpp.account.AccountService;
import im.kith.xmpp.transport.C2sListeners;

/**
 * The subscription transitions of RFC 6121 §3 and Appendix A that two local users can produce, checked
 * on both rosters and on the stanzas each client receives.
 */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
class SubscriptionTest {

    @Inject
    C2sListeners listeners;

    @Inject
    AccountService accounts;

    @Test
    void requestAndApprovalGiveOneWaySubscriptionAndAMutualOneWhenReturned() throws Exception {
        try (ImClient alice = online(account("alice")); ImClient bob = online(account("bob"))) {
            alice.presence(Presence.Type.subscribe, bob.bare());
            // §3.1.2: "None + Pending Out", pushed with ask='subscribe'; the request is stamped with the bare JID.
            Eventually.eventually(ImClient.WAIT, () -> assertEntry(alice, bob.bare(), ItemType.none, true));
            Presence request = bob.nextPresence(Presence.Type.subscribe, alice.bare());
            assertThat(request).isNotNull();
            assertThat((Object) request.getFrom()).isEqualTo(alice.bare());
            assertThat(bob.roster().getEntry(alice.bare())).as("a request alone is not a roster item").isNull();

            bob.presence(Presence.Type.subscribed, alice.bare());
            Eventually.eventually(ImClient.WAIT, () -> assertEntry(bob, alice.bare(), ItemType.from, false));
            assertThat(alice.nextPresence(Presence.Type.subscribed, bob.bare())).isNotNull();
            Eventually.eventually(ImClient.WAIT, () -> assertEntry(alice, bob.bare(), ItemType.to, false));
            // §3.1.5: the contact's server sends the contact's current presence once the user is subscribed.
            assertThat(alice.nextPresence(p -> p.isAvailable() && bob.connection.getUser().equals(p.getFrom()))).isNotNull();

            bob.presence(Presence.Type.subscribe, alice.bare());
            Eventually.eventually(ImClient.WAIT, () -> assertEntry(bob, alice.bare(), ItemType.from, true));
            assertThat(alice.nextPresence(Presence.Type.subscribe, bob.bare())).isNotNull();
            alice.presence(Presence.Type.subscribed, bob.bare());
            Eventually.eventually(ImClient.WAIT, () -> assertEntry(alice, bob.bare(), ItemType.both, false));
            Eventually.eventually(ImClient.WAIT, () -> assertEntry(bob, alice.bare(), ItemType.both, false));
            assertThat(bob.nextPresence(p -> p.isAvailable() && alice.connection.getUser().equals(p.getFrom()))).isNotNull();
        }
    }

    @Test
    void requestForAnExistingSubscriptionIsAnsweredByTheServerWithoutAskingTheContact() throws Exception {
        try (ImClient alice = online(account("alice")); ImClient bob = online(account("bob"))) {
            ImClient.befriend(alice, bob);
            alice.presence(Presence.Type.subscribe, bob.bare());
            // §3.1.3: already subscribed: the contact's server auto-replies and does not bother the contact;
            // A.3.2: the user's server, with nothing pending, takes the reply without a state change.
            assertThat(bob.receivesPresence(p -> p.getType() == Presence.Type.subscribe)).isFalse();
            assertEntry(alice, bob.bare(), ItemType.both, false);
            assertEntry(bob, alice.bare(), ItemType.both, false);
        }
    }

    @Test
    void unsubscribeEndsTheUsersSubscriptionAndTheContactGoesUnavailable() throws Exception {
        try (ImClient alice = online(account("alice")); ImClient bob = online(account("bob"))) {
            ImClient.befriend(alice, bob);
            alice.presence(Presence.Type.unsubscribe, bob.bare());
            Eventually.eventually(ImClient.WAIT, () -> assertEntry(alice, bob.bare(), ItemType.from, false));
            Eventually.eventually(ImClient.WAIT, () -> assertEntry(bob, alice.bare(), ItemType.to, false));
            assertThat(bob.nextPresence(Presence.Type.unsubscribe, alice.bare())).isNotNull();
            // §3.3.3: the contact's server sends unavailable presence from each of the contact's resources.
            Presence gone = alice.nextPresence(Presence.Type.unavailable, bob.bare());
            assertThat((Object) gone.getFrom()).isEqualTo(bob.connection.getUser());
        }
    }

    @Test
    void unsubscribedCancelsTheContactsSubscriptionAndStopsPresence() throws Exception {
        try (ImClient alice = online(account("alice")); ImClient bob = online(account("bob"))) {
            ImClient.befriend(alice, bob);
            bob.presence(Presence.Type.unsubscribed, alice.bare());
            Eventually.eventually(ImClient.WAIT, () -> assertEntry(bob, alice.bare(), ItemType.to, false));
            Eventually.eventually(ImClient.WAIT, () -> assertEntry(alice, bob.bare(), ItemType.from, false));
            assertThat(alice.nextPresence(Presence.Type.unsubscribed, bob.bare())).isNotNull();
            // §3.2.2: the user's server sends unavailable presence from each of its resources to the contact.
            assertThat(alice.nextPresence(Presence.Type.unavailable, bob.bare())).isNotNull();
        }
    }

    @Test
    void deniedRequestLeavesNothingPendingOnEitherSide() throws Exception {
        String bobName = account("bob");
        try (ImClient alice = online(account("alice")); ImClient bob = online(bobName)) {
            alice.presence(Presence.Type.subscribe, bob.bare());
            assertThat(bob.nextPresence(Presence.Type.subscribe, alice.bare())).isNotNull();
            bob.presence(Presence.Type.unsubscribed, alice.bare());
            assertThat(alice.nextPresence(Presence.Type.unsubscribed, bob.bare())).isNotNull();
            Eventually.eventually(ImClient.WAIT, () -> assertEntry(alice, bob.bare(), ItemType.none, false));
            assertThat(bob.roster().getEntry(alice.bare())).isNull();
        }
        try (ImClient bob = ImClient.login(listeners.port(), bobName, "again")) {
            bob.available();
            assertThat(bob.receivesPresence(p -> p.getType() == Presence.Type.subscribe)).isFalse();
        }
    }

    @Test
    void preApprovedRequestIsApprovedWithoutAskingTheContact() throws Exception {
        try (ImClient alice = online(account("alice")); ImClient bob = online(account("bob"))) {
            assertThat(bob.roster().isSubscriptionPreApprovalSupported()).isTrue();
            bob.roster().preApprove(alice.bare());
            // §3.4.1: the pre-approval is a roster item with approved='true'.
            Eventually.eventually(ImClient.WAIT, () -> {
                RosterEntry entry = bob.roster().getEntry(alice.bare());
                assertThat(entry).isNotNull();
                assertThat(entry.isApproved()).isTrue();
                assertThat(entry.getType()).isEqualTo(ItemType.none);
            });
            assertThat(alice.receivesPresence(p -> p.getType() == Presence.Type.subscribed)).as("not routed").isFalse();

            alice.presence(Presence.Type.subscribe, bob.bare());
            assertThat(alice.nextPresence(Presence.Type.subscribed, bob.bare())).isNotNull();
            Eventually.eventually(ImClient.WAIT, () -> assertEntry(alice, bob.bare(), ItemType.to, false));
            Eventually.eventually(ImClient.WAIT, () -> {
                assertEntry(bob, alice.bare(), ItemType.from, false);
                assertThat(bob.roster().getEntry(alice.bare()).isApproved()).isFalse();
            });
            assertThat(bob.receivesPresence(p -> p.getType() == Presence.Type.subscribe)).isFalse();
        }
    }

    @Test
    void requestToAnOfflineContactIsDeliveredAtEachInitialPresenceUntilAnswered() throws Exception {
        String bobName = account("bob");
        BareJid bob = ImClient.jid(bobName);
        try (ImClient alice = online(account("alice"))) {
            alice.presence(Presence.Type.subscribe, bob);
            Eventually.eventually(ImClient.WAIT, () -> assertEntry(alice, bob, ItemType.none, true));

            for (String resource : new String[] {"first", "second"}) {
                try (ImClient b = ImClient.login(listeners.port(), bobName, resource)) {
                    assertThat(b.receivesPresence(p -> p.getType() == Presence.Type.subscribe)).as("before presence").isFalse();
                    b.available();
                    Presence request = b.nextPresence(Presence.Type.subscribe, alice.bare());
                    assertThat(request).as("request at login of %s", resource).isNotNull();
                    if (resource.equals("second")) {
                        b.presence(Presence.Type.subscribed, alice.bare());
                        assertThat(alice.nextPresence(Presence.Type.subscribed, bob)).isNotNull();
                    }
                }
            }
            try (ImClient b = ImClient.login(listeners.port(), bobName, "third")) {
                b.available();
                assertThat(b.receivesPresence(p -> p.getType() == Presence.Type.subscribe)).as("answered").isFalse();
            }
        }
    }

    @Test
    void requestToAMissingAccountIsAnsweredWithUnsubscribed() throws Exception {
        try (ImClient alice = online(account("alice"))) {
            BareJid nobody = ImClient.jid("nobody-at-all");
            alice.presence(Presence.Type.subscribe, nobody);
            // RFC 6121 §8.5.1.
            assertThat(alice.nextPresence(Presence.Type.unsubscribed, nobody)).isNotNull();
            Eventually.eventually(ImClient.WAIT, () -> assertEntry(alice, nobody, ItemType.none, false));
        }
    }

    @Test
    void removingAContactCancelsTheSubscriptionsBothWays() throws Exception {
        try (ImClient alice = online(account("alice")); ImClient bob = online(account("bob"))) {
            ImClient.befriend(alice, bob);
            alice.roster().removeEntry(alice.roster().getEntry(bob.bare()));
            Eventually.eventually(ImClient.WAIT, () -> assertThat(alice.roster().getEntry(bob.bare())).isNull());
            // §2.5.2: the server sends unsubscribe and unsubscribed for the user.
            assertThat(bob.nextPresence(Presence.Type.unsubscribe, alice.bare())).isNotNull();
            assertThat(bob.nextPresence(Presence.Type.unsubscribed, alice.bare())).isNotNull();
            Eventually.eventually(ImClient.WAIT, () -> assertEntry(bob, alice.bare(), ItemType.none, false));
            assertThat(alice.nextPresence(Presence.Type.unavailable, bob.bare())).isNotNull();
            assertThat(bob.nextPresence(Presence.Type.unavailable, alice.bare())).isNotNull();
        }
    }

    @Test
    void deletedAccountDisappearsFromItsContactsSubscriptions() throws Exception {
        try (ImClient alice = online(account("alice")); ImClient bob = online(account("bob"))) {
            ImClient.befriend(alice, bob);
            accounts.delete(bob.bare().getLocalpartOrThrow().toString());
            Eventually.eventually(ImClient.WAIT, () -> assertEntry(alice, bob.bare(), ItemType.none, false));
        }
    }

    private String account(String prefix) {
        return ImClient.newAccount(accounts, prefix);
    }

    /** A logged-in, available client of an account, with its roster loaded. */
    private ImClient online(String name) throws Exception {
        ImClient client = ImClient.login(listeners.port(), name, "home");
        client.available();
        return client;
    }

    private static void assertEntry(ImClient client, BareJid contact, ItemType type, boolean pendingOut) {
        RosterEntry entry = client.roster().getEntry(contact);
        assertThat(entry).as("%s on the roster of %s", contact, client.bare()).isNotNull();
        assertThat(entry.getType()).as("subscription of %s to %s", client.bare(), contact).isEqualTo(type);
        assertThat(entry.isSubscriptionPending()).as("ask of %s for %s", client.bare(), contact).isEqualTo(pendingOut);
    }
}
