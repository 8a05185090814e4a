package im.kith.xmpp.ext.mam;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.RosterEntry;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.mam.MamManager;
import org.jivesoftware.smackx.mam.MamManager.MamPrefs;
import org.jivesoftware.smackx.mam.MamManager.MamPrefsResult;
import org.jivesoftware.smackx.mam.MamManager.MamQueryArgs;
import org.jivesoftware.smackx.mam.element.MamElements.MamResultExtension;
import org.jivesoftware.smackx.mam.element.MamPrefsIQ.DefaultBehavior;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import im.kith.testkit.PostgresDatabase;
import im.kith.testkit.XmppClients;
import im.kith.xmpp.account.AccountService;
import im.kith.xmpp.account.Role;
import im.kith.xmpp.transport.C2sListeners;

/**
 * Archiving preferences (XEP-0441, namespace {@code urn:xmpp:mam:2}) through Smack's MamManager: each
 * default decides for unlisted contacts, 'roster' by the user's roster as it changes, and the always and
 * never lists override the default, for incoming and outgoing messages.
 */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MamPreferencesTest {
    private static final String DOMAIN = "localhost";
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    C2sListeners listeners;

    @Inject
    AccountService accounts;

    @BeforeAll
    void createAccounts() {
        for (String user : new String[] {"prefowner", "prefcontact", "prefstranger", "preflisted", "prefbanned",
            "prefother", "prefquiet", "prefloud"}) {
            if (accounts.find(user).isEmpty()) {
                accounts.create(user, user + "-pass-phrase", Role.USER);
            }
        }
    }

    private XMPPTCPConnection login(String user, String resource) throws Exception {
        return XmppClients.login(DOMAIN, listeners.port(), user, user + "-pass-phrase", resource);
    }

    @Test
    void rosterDefaultArchivesOnlyContactsOnTheRosterAndTheListsOverrideIt() throws Exception {
        XMPPTCPConnection owner = login("prefowner", "desk");
        XMPPTCPConnection contact = login("prefcontact", "phone");
        XMPPTCPConnection stranger = login("prefstranger", "phone");
        XMPPTCPConnection listed = login("preflisted", "phone");
        XMPPTCPConnection banned = login("prefbanned", "phone");
        try {
            Roster roster = Roster.getInstanceFor(owner);
            loaded(roster);
            // On the roster without any subscription: a roster item is enough (XEP-0441 §2.1.1).
            roster.createItem(bare("prefcontact"), "Contact", null);
            roster.createItem(bare("prefbanned"), "Banned", null);

            MamPrefsResult applied = setPreferences(owner, DefaultBehavior.roster,
                    List.of(bare("preflisted")), List.of(bare("prefbanned")));
            assertThat(applied.mamPrefs.getDefault()).isEqualTo(DefaultBehavior.roster);
            assertThat(applied.mamPrefs.getAlwaysJids()).extracting(Jid::toString).containsExactly("preflisted@localhost");
            assertThat(applied.mamPrefs.getNeverJids()).extracting(Jid::toString).containsExactly("prefbanned@localhost");
            assertThat(MamManager.getInstanceFor(owner).retrieveArchivingPreferences().mamPrefs.getDefault())
                    .isEqualTo(DefaultBehavior.roster);

            BlockingQueue<Message> inbox = inbox(owner);
            BlockingQueue<Message> contactInbox = inbox(contact);
            BlockingQueue<Message> strangerInbox = inbox(stranger);
            // §2.3.3: incoming messages are judged by their 'from'.
            send(contact, "prefowner@localhost/desk", "roster: from the contact");
            send(stranger, "prefowner@localhost/desk", "roster: from the stranger");
            send(listed, "prefowner@localhost/desk", "roster: from the always-listed stranger");
            send(banned, "prefowner@localhost/desk", "roster: from the never-listed contact");
            // §2.3.2: outgoing messages by their 'to'.
            send(owner, "prefcontact@localhost/phone", "roster: to the contact");
            send(owner, "prefstranger@localhost/phone", "roster: to the stranger");
            received(inbox, "roster: from the contact", "roster: from the stranger",
                    "roster: from the always-listed stranger", "roster: from the never-listed contact");
            received(contactInbox, "roster: to the contact");
            received(strangerInbox, "roster: to the stranger");

            List<String> archived = archiveAfter(owner, contact, "roster: sentinel 1");
            assertThat(archived).contains("roster: from the contact", "roster: from the always-listed stranger",
                    "roster: to the contact").doesNotContain("roster: from the stranger",
                    "roster: from the never-listed contact", "roster: to the stranger");

            // The roster as it is now decides: the stranger is added, the contact removed.
            roster.createItem(bare("prefstranger"), "Now a contact", null);
            roster.removeEntry(entry(roster, bare("prefcontact")));
            send(stranger, "prefowner@localhost/desk", "roster: from the stranger, now on the roster");
            send(contact, "prefowner@localhost/desk", "roster: from the contact, now off the roster");
            received(inbox, "roster: from the stranger, now on the roster", "roster: from the contact, now off the roster");
            archived = archiveAfter(owner, stranger, "roster: sentinel 2");
            assertThat(archived).contains("roster: from the stranger, now on the roster")
                    .doesNotContain("roster: from the contact, now off the roster");
        } finally {
            for (XMPPTCPConnection c : new XMPPTCPConnection[] {owner, contact, stranger, listed, banned}) {
                c.disconnect();
            }
        }
    }

    @Test
    void neverAndAlwaysDefaultsWithListsOverridingThem() throws Exception {
        XMPPTCPConnection owner = login("prefother", "desk");
        XMPPTCPConnection quiet = login("prefquiet", "phone");
        XMPPTCPConnection quietLaptop = login("prefquiet", "laptop");
        XMPPTCPConnection loud = login("prefloud", "phone");
        try {
            BlockingQueue<Message> inbox = inbox(owner);
            BlockingQueue<Message> phoneInbox = inbox(quiet);
            BlockingQueue<Message> laptopInbox = inbox(quietLaptop);

            // 'never', with one JID always archived.
            setPreferences(owner, DefaultBehavior.never, List.of(bare("prefloud")), List.of());
            send(quiet, "prefother@localhost/desk", "never: from quiet");
            send(loud, "prefother@localhost/desk", "never: from loud, always-listed");
            send(owner, "prefquiet@localhost/phone", "never: to quiet");
            received(inbox, "never: from quiet", "never: from loud, always-listed");
            received(phoneInbox, "never: to quiet");
            List<String> archived = archiveAfter(owner, loud, "never: sentinel");
            assertThat(archived).contains("never: from loud, always-listed")
                    .doesNotContain("never: from quiet", "never: to quiet");

            // 'always', with one full JID never archived: only that resource is matched (§2.3.1).
            setPreferences(owner, DefaultBehavior.always, List.of(), List.of(JidCreate.from("prefquiet@localhost/phone")));
            send(quiet, "prefother@localhost/desk", "always: from quiet's phone, never-listed");
            send(quietLaptop, "prefother@localhost/desk", "always: from quiet's laptop");
            send(owner, "prefquiet@localhost/phone", "always: to quiet's phone, never-listed");
            send(owner, "prefquiet@localhost/laptop", "always: to quiet's laptop");
            received(inbox, "always: from quiet's phone, never-listed", "always: from quiet's laptop");
            received(phoneInbox, "always: to quiet's phone, never-listed");
            received(laptopInbox, "always: to quiet's laptop");
            archived = archiveAfter(owner, loud, "always: sentinel");
            assertThat(archived).contains("always: from quiet's laptop", "always: to quiet's laptop")
                    .doesNotContain("always: from quiet's phone, never-listed", "always: to quiet's phone, never-listed");

            // A bare JID on the never list matches every resource.
            setPreferences(owner, DefaultBehavior.always, List.of(), List.of(bare("prefquiet")));
            send(quietLaptop, "prefother@localhost/desk", "bare never: from quiet's laptop");
            received(inbox, "bare never: from quiet's laptop");
            archived = archiveAfter(owner, loud, "bare never: sentinel");
            assertThat(archived).doesNotContain("bare never: from quiet's laptop");
        } finally {
            owner.disconnect();
            quiet.disconnect();
            quietLaptop.disconnect();
            loud.disconnect();
        }
    }

    private static MamPrefsResult setPreferences(XMPPTCPConnection c, DefaultBehavior mode, List<? extends Jid> always,
            List<? extends Jid> never) throws Exception {
        MamManager mam = MamManager.getInstanceFor(c);
        MamPrefs prefs = mam.retrieveArchivingPreferences().asMamPrefs();
        prefs.setDefaultBehavior(mode);
        prefs.getAlwaysJids().clear();
        prefs.getAlwaysJids().addAll(always);
        prefs.getNeverJids().clear();
        prefs.getNeverJids().addAll(never);
        return mam.updateArchivingPreferences(prefs);
    }

    /**
     * Sends a last message that the preferences archive and returns the owner's whole archive once it
     * holds it; the archive is written in order, so whatever came before it has been decided on.
     */
    private static List<String> archiveAfter(XMPPTCPConnection owner, XMPPTCPConnection from, String sentinel)
            throws Exception {
        BlockingQueue<Message> inbox = inbox(owner);
        send(from, owner.getUser().toString(), sentinel);
        received(inbox, sentinel);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            List<String> bodies = MamManager.getInstanceFor(owner).queryArchive(MamQueryArgs.builder()
                    .setResultPageSizeTo(250).build()).getMessages().stream().map(Message::getBody).toList();
            if (bodies.contains(sentinel) || System.nanoTime() > deadline) {
                assertThat(bodies).as("archive of " + owner.getUser()).contains(sentinel);
                return bodies;
            }
            Thread.sleep(100);
        }
    }

    private static void send(XMPPTCPConnection from, String to, String body) throws Exception {
        from.sendStanza(from.getStanzaFactory().buildMessageStanza().to(JidCreate.from(to)).ofType(Message.Type.chat)
                .setBody(body).build());
    }

    private static BlockingQueue<Message> inbox(XMPPTCPConnection c) {
        BlockingQueue<Message> q = new LinkedBlockingQueue<>();
        c.addAsyncStanzaListener(s -> q.add((Message) s),
                s -> s instanceof Message m && m.getBody() != null && m.getExtension(MamResultExtension.class) == null);
        return q;
    }

    /** Waits until messages with all these bodies were delivered. */
    private static void received(BlockingQueue<Message> inbox, String... bodies) throws InterruptedException {
        Set<String> missing = new HashSet<>(List.of(bodies));
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!missing.isEmpty() && System.nanoTime() < deadline) {
            Message m = inbox.poll(100, TimeUnit.MILLISECONDS);
            if (m != null) {
                missing.remove(m.getBody());
            }
        }
        assertThat(missing).as("not delivered").isEmpty();
    }

    /** The roster entry, once Smack has the push that created it. */
    private static RosterEntry entry(Roster roster, BareJid jid) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (roster.getEntry(jid) == null && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(roster.getEntry(jid)).as("roster entry " + jid).isNotNull();
        return roster.getEntry(jid);
    }

    private static void loaded(Roster roster) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!roster.isLoaded() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(roster.isLoaded()).as("roster loaded").isTrue();
    }

    private static BareJid bare(String user) {
        return JidCreate.bareFromOrThrowUnchecked(user + "@" + DOMAIN);
    }
}
