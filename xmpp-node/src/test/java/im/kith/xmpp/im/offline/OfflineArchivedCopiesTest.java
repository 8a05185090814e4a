package im.kith.xmpp.im.offline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import im.kith.testkit.PostgresDatabase;
import im.kith.xmpp.account.AccountService;
import im.kith.xmpp.account.Role;
import im.kith.xmpp.ext.mam.ArchiveEntry;
import im.kith.xmpp.ext.mam.ArchiveStore;
import im.kith.xmpp.ext.mam.Direction;
import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.stanza.Ns;
import im.kith.xmpp.xml.Element;

/**
 * The offline copies a Bind 2 login drops (XEP-0386 §2.2) are only those whose archive row exists in the
 * owner's archive, on a real PostgreSQL: an archive row that was never written keeps the copy.
 */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OfflineArchivedCopiesTest {
    @Inject
    OfflineStore offline;

    @Inject
    ArchiveStore archive;

    @Inject
    AccountService accounts;

    @BeforeAll
    void createAccounts() {
        for (String user : new String[] {"guardowner", "guardother"}) {
            if (accounts.find(user).isEmpty()) {
                accounts.create(user, user + "-pass-phrase", Role.USER);
            }
        }
    }

    private static ArchiveEntry archived(String owner, String id) {
        Element message = Element.builder("message", Ns.CLIENT).attribute("type", "chat")
                .child(Element.builder("body", Ns.CLIENT).text("archived " + id).build()).build();
        return new ArchiveEntry(owner, id, Instant.now().truncatedTo(ChronoUnit.MICROS), Jid.parse("someone@example.org"),
                Direction.IN, message);
    }

    private static String id(String what) {
        return what + "-" + UUID.randomUUID();
    }

    @Test
    void onlyCopiesWhoseArchiveRowExistsInTheOwnersArchiveAreDropped() throws Exception {
        String written = id("written");
        String neverWritten = id("never-written");
        String otherArchive = id("other-archive");
        assertThat(archive.insert(List.of(archived("guardowner", written), archived("guardother", otherArchive))))
                .isEqualTo(2);
        OfflineStore.Result stored = offline.store("guardowner", Instant.now(), List.of(
                new OfflineStore.Stored("<message id='a'/>", written),
                new OfflineStore.Stored("<message id='b'/>", neverWritten),
                new OfflineStore.Stored("<message id='c'/>", otherArchive),
                new OfflineStore.Stored("<message id='d'/>", null)), 1000);
        assertThat(stored.stored()).isEqualTo(4);

        assertThat(offline.deleteArchived("guardowner")).as("copies dropped").isEqualTo(1);
        assertThat(offline.takeAll("guardowner")).as("copies left to deliver")
                .containsExactly("<message id='b'/>", "<message id='c'/>", "<message id='d'/>");
    }
}
