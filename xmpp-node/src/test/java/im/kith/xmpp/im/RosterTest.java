package im.kith.xmpp.im;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.inject.Inject;

import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.roster.RosterEntry;
import org.jivesoftware.smack.roster.packet.RosterPacket;
import org.jxmpp.jid.BareJid;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import im.kith.testkit.Eventually;
import im.kith.testkit.PostgresDatabase;
import im.kith.xmpp.account.AccountService;
import im.kith.xmpp.im.ImClient.RosterUse;
import im.kith.xmpp.transport.C2sListeners;

/** Roster get, set, remove, versioning and pushes (RFC 6121 §2) through a real client. */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
class RosterTest {
    private static final String ROSTER = "jabber:iq:roster";

    @Inject
    C2sListeners listeners;

    @Inject
    AccountService accounts;

    @Test
    void addedItemKeepsNameAndGroupsAndIsReturnedByLaterRosterGets() throws Exception {
        String alice = ImClient.newAccount(accounts, "alice");
        BareJid nurse = ImClient.jid("nurse");
        try (ImClient balcony = ImClient.login(listeners.port(), alice, "balcony")) {
            // Smack loads the roster after login; a push that overtakes that load is overwritten by it.
            balcony.roster().reloadAndWait();
            balcony.roster().createItem(nurse, "Nurse", new String[] {"Servants", "Verona"});
            Eventually.eventually(ImClient.WAIT, () -> assertThat(balcony.roster().getEntry(nurse)).isNotNull());
        }
        try (ImClient chamber = ImClient.login(listeners.port(), alice, "chamber")) {
            RosterEntry entry = chamber.roster().getEntry(nurse);
            assertThat(entry.getName()).isEqualTo("Nurse");
            assertThat(entry.getGroups()).extracting(g -> g.getName()).containsExactlyInAnyOrder("Servants", "Verona");
            assertThat(entry.getType()).isEqualTo(RosterPacket.ItemType.none);
            assertThat(entry.isSubscriptionPending()).isFalse();
        }
    }

    @Test
    void rosterPushReachesEveryInterestedResourceWithTheNewVersionAndNoOtherResource() throws Exception {
        String alice = ImClient.newAccount(accounts, "alice");
        BareJid nurse = ImClient.jid("nurse");
        try (ImClient balcony = ImClient.login(listeners.port(), alice, "balcony", RosterUse.RECORDED);
                ImClient chamber = ImClient.login(listeners.port(), alice, "chamber", RosterUse.RECORDED);
                ImClient orchard = ImClient.login(listeners.port(), alice, "orchard", RosterUse.RECORDED)) {
            get(balcony, null);
            get(chamber, null);

            set(balcony, new RosterPacket.Item(nurse, "Nurse"));

            for (ImClient interested : new ImClient[] {balcony, chamber}) {
                RosterPacket push = interested.nextPush();
                assertThat(push).as("push to %s", interested.connection.getUser()).isNotNull();
                assertThat((Object) push.getFrom()).isNull();
                assertThat(push.getRosterItems()).singleElement().satisfies(item -> {
                    assertThat((Object) item.getJid()).isEqualTo(nurse);
                    assertThat(item.getName()).isEqualTo("Nurse");
                    assertThat(item.getItemType()).isEqualTo(RosterPacket.ItemType.none);
                });
                assertThat(push.getVersion()).isEqualTo(get(interested, null).getVersion());
            }
            // RFC 6121 §2.2: a resource that never requested the roster is not interested.
            Thread.sleep(ImClient.QUIET.toMillis());
            assertThat(orchard.pushes).isEmpty();
        }
    }

    @Test
    void rosterGetWithTheCurrentVersionIsAnsweredWithAnEmptyResult() throws Exception {
        String alice = ImClient.newAccount(accounts, "alice");
        BareJid nurse = ImClient.jid("nurse");
        try (ImClient balcony = ImClient.login(listeners.port(), alice, "balcony", RosterUse.RECORDED)) {
            assertThat(balcony.roster().isRosterVersioningSupported()).isTrue();
            RosterPacket first = get(balcony, "");
            assertThat(first.getRosterItems()).isEmpty();
            String emptyVersion = first.getVersion();
            assertThat(emptyVersion).isNotNull();

            set(balcony, new RosterPacket.Item(nurse, "Nurse"));
            String current = balcony.nextPush().getVersion();
            assertThat(current).isNotEqualTo(emptyVersion);

            IQ upToDate = balcony.connection.sendIqRequestAndWaitForResponse(getRequest(current));
            assertThat(upToDate).isNotInstanceOf(RosterPacket.class);
            assertThat(upToDate.getType()).isEqualTo(IQ.Type.result);

            RosterPacket stale = get(balcony, emptyVersion);
            assertThat(stale.getVersion()).isEqualTo(current);
            assertThat(stale.getRosterItems()).extracting(RosterPacket.Item::getJid).containsExactly(nurse);
        }
    }

    @Test
    void removedItemIsPushedAsRemoveAndGoneFromTheRoster() throws Exception {
        String alice = ImClient.newAccount(accounts, "alice");
        BareJid nurse = ImClient.jid("nurse");
        try (ImClient balcony = ImClient.login(listeners.port(), alice, "balcony", RosterUse.RECORDED)) {
            get(balcony, null);
            set(balcony, new RosterPacket.Item(nurse, "Nurse"));
            balcony.nextPush();

            RosterPacket.Item removal = new RosterPacket.Item(nurse, null);
            removal.setItemType(RosterPacket.ItemType.remove);
            set(balcony, removal);

            RosterPacket push = balcony.nextPush();
            assertThat(push.getRosterItems()).singleElement()
                    .satisfies(item -> assertThat(item.getItemType()).isEqualTo(RosterPacket.ItemType.remove));
            assertThat(get(balcony, null).getRosterItems()).isEmpty();
            // §2.5.3: removing an item that is not there is item-not-found.
            assertThatThrownBy(() -> set(balcony, removal)).isInstanceOfSatisfying(XMPPException.XMPPErrorException.class,
                    e -> assertThat(e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.item_not_found));
        }
    }

    @Test
    void rosterSetsBreakingTheRulesOfSection233AreRefused() throws Exception {
        String alice = ImClient.newAccount(accounts, "alice");
        try (ImClient balcony = ImClient.login(listeners.port(), alice, "balcony", RosterUse.RECORDED)) {
            assertRefused(balcony, "<item jid='a@localhost'/><item jid='b@localhost'/>", StanzaError.Condition.bad_request);
            assertRefused(balcony, "<item jid='a@localhost'><group>X</group><group>X</group></item>",
                    StanzaError.Condition.bad_request);
            assertRefused(balcony, "<item jid='a@localhost'><group></group></item>", StanzaError.Condition.not_acceptable);
            assertRefused(balcony, "<item jid='a@localhost' name='" + "n".repeat(1025) + "'/>",
                    StanzaError.Condition.not_acceptable);
            assertRefused(balcony, "<item jid='a@localhost'><group>" + "g".repeat(1025) + "</group></item>",
                    StanzaError.Condition.not_acceptable);
            assertRefused(balcony, "<item jid='@localhost'/>", StanzaError.Condition.jid_malformed);
            assertThat(get(balcony, null).getRosterItems()).isEmpty();
            assertThat(balcony.pushes).isEmpty();
        }
    }

    @Test
    void subscriptionAttributeOtherThanRemoveIsIgnoredInARosterSet() throws Exception {
        String alice = ImClient.newAccount(accounts, "alice");
        try (ImClient balcony = ImClient.login(listeners.port(), alice, "balcony", RosterUse.RECORDED)) {
            balcony.connection.sendIqRequestAndWaitForResponse(new RawIq(IQ.Type.set, "query", ROSTER,
                    "<item jid='nurse@localhost' subscription='both' ask='subscribe'/>"));
            assertThat(get(balcony, null).getRosterItems()).singleElement().satisfies(item -> {
                assertThat(item.getItemType()).isEqualTo(RosterPacket.ItemType.none);
                assertThat(item.isSubscriptionPending()).isFalse();
            });
        }
    }

    @Test
    void anotherAccountsRosterIsForbidden() throws Exception {
        String alice = ImClient.newAccount(accounts, "alice");
        String bob = ImClient.newAccount(accounts, "bob");
        try (ImClient balcony = ImClient.login(listeners.port(), alice, "balcony", RosterUse.RECORDED)) {
            RosterPacket request = getRequest(null);
            request.setTo(ImClient.jid(bob));
            assertThatThrownBy(() -> balcony.connection.sendIqRequestAndWaitForResponse(request))
                    .isInstanceOfSatisfying(XMPPException.XMPPErrorException.class,
                            e -> assertThat(e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.forbidden));
        }
    }

    private static RosterPacket getRequest(String version) {
        RosterPacket request = new RosterPacket();
        request.setVersion(version);
        return request;
    }

    private static RosterPacket get(ImClient client, String version) throws Exception {
        return (RosterPacket) client.connection.sendIqRequestAndWaitForResponse(getRequest(version));
    }

    private static void set(ImClient client, RosterPacket.Item item) throws Exception {
        RosterPacket request = new RosterPacket();
        request.setType(IQ.Type.set);
        request.addRosterItem(item);
        client.connection.sendIqRequestAndWaitForResponse(request);
    }

    private static void assertRefused(ImClient client, String items, StanzaError.Condition condition) {
        assertThatThrownBy(() -> client.connection.sendIqRequestAndWaitForResponse(
                new RawIq(IQ.Type.set, "query", ROSTER, items)))
                .as(items.length() > 80 ? items.substring(0, 80) : items)
                .isInstanceOfSatisfying(XMPPException.XMPPErrorException.class,
                        e -> assertThat(e.getStanzaError().getCondition()).isEqualTo(condition));
    }
}
