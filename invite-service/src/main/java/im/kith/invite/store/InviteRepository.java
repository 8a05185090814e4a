package im.kith.invite.store;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Persistence of invites. Every method is its own transaction and blocks: call it on a worker or
 * virtual thread. Use counts only move through {@link #claim} and {@link #release}, conditional updates
 * that make concurrent redemptions of one invite safe without holding locks across account creation.
 */
@ApplicationScoped
public class InviteRepository {
    private final EntityManager em;

    InviteRepository(EntityManager em) {
        this.em = em;
    }

    @Transactional
    public InviteView insert(Invite invite) {
        em.persist(invite);
        em.flush();
        return InviteView.of(invite);
    }

    /**
     * The invite whose token hashes to {@code tokenHash}. The index finds the row; the hashes are then
     * compared again in constant time.
     */
    @Transactional
    public Optional<InviteView> findByHash(byte[] tokenHash) {
        return em.createQuery("select i from Invite i left join fetch i.circles where i.tokenHash = :h", Invite.class)
                .setParameter("h", tokenHash)
                .getResultStream().filter(i -> MessageDigest.isEqual(i.tokenHash(), tokenHash))
                .findFirst().map(InviteView::of);
    }

    @Transactional
    public Optional<InviteView> find(long id) {
        return Optional.ofNullable(em.find(Invite.class, id)).map(InviteView::of);
    }

    /** Invites newest first, at most {@code limit}. */
    @Transactional
    public List<InviteView> list(int limit) {
        return em.createQuery("select distinct i from Invite i left join fetch i.circles order by i.id desc", Invite.class)
                .setMaxResults(limit).getResultList().stream().map(InviteView::of).toList();
    }

    /**
     * Takes one use of an invite if it is still open at {@code now}: a single conditional UPDATE, so of
     * two concurrent claims on the last use exactly one succeeds.
     */
    @Transactional
    public boolean claim(long id, Instant now) {
        return em.createQuery("update Invite i set i.uses = i.uses + 1 where i.id = :id and i.uses < i.maxUses"
                + " and i.revokedAt is null and i.expiresAt > :now")
                .setParameter("id", id).setParameter("now", now).executeUpdate() == 1;
    }

    /** Gives back a use taken by {@link #claim} when the redemption failed afterwards. */
    @Transactional
    public void release(long id) {
        em.createQuery("update Invite i set i.uses = i.uses - 1 where i.id = :id and i.uses > 0")
                .setParameter("id", id).executeUpdate();
    }

    @Transactional
    public void recordRedemption(long id, String account, Instant at) {
        em.createNativeQuery("INSERT INTO invite_redemptions (invite_id, account, redeemed_at) VALUES (?1, ?2, ?3)")
                .setParameter(1, id).setParameter(2, account).setParameter(3, at).executeUpdate();
    }

    /** Revokes an open invite; false if there is none with that id or it was revoked already. */
    @Transactional
    public boolean revoke(long id, Instant now) {
        return em.createQuery("update Invite i set i.revokedAt = :now where i.id = :id and i.revokedAt is null")
                .setParameter("id", id).setParameter("now", now).executeUpdate() == 1;
    }

    /**
     * Whether an open invite other than {@code exceptId} reserves a username for a new account
     * (XEP-0445 §6: the server MUST reserve it at least until the token expires).
     */
    @Transactional
    public boolean reserved(String username, long exceptId, Instant now) {
        return !em.createQuery("select i.id from Invite i where i.username = :u and i.id <> :id and i.kind <> :reset"
                + " and i.revokedAt is null and i.uses < i.maxUses and i.expiresAt > :now", Long.class)
                .setParameter("u", username).setParameter("id", exceptId).setParameter("reset", InviteKind.RESET)
                .setParameter("now", now).setMaxResults(1).getResultList().isEmpty();
    }

    /** Number of invites of a kind that are open at {@code now}. */
    @Transactional
    public long countOpen(InviteKind kind, Instant now) {
        return em.createQuery("select count(i) from Invite i where i.kind = :k and i.revokedAt is null"
                + " and i.uses < i.maxUses and i.expiresAt > :now", Long.class)
                .setParameter("k", kind).setParameter("now", now).getSingleResult();
    }
}
