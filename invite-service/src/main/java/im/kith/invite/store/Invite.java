package im.kith.invite.store;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.Table;

import im.kith.xmpp.account.Role;

/**
 * An invitation (table {@code invites}, V51). Only the SHA-256 hash of the token is kept. Use counts
 * change only through the conditional updates of {@link InviteRepository}.
 */
@Entity
@Table(name = "invites")
public class Invite {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "token_hash", nullable = false, unique = true)
    private byte[] tokenHash;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private InviteKind kind;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Role role;

    /** The fixed username of a new account, or the account of a password reset; null lets the invitee choose. */
    private String username;

    /** Localpart of the inviting account for contact invites, else null. */
    private String inviter;

    @Column(name = "created_by", nullable = false)
    private String createdBy;

    private String note;

    @Column(name = "max_uses", nullable = false)
    private int maxUses;

    @Column(nullable = false)
    private int uses;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    @ManyToMany
    @JoinTable(name = "invite_circles", joinColumns = @JoinColumn(name = "invite_id"),
            inverseJoinColumns = @JoinColumn(name = "circle_id"))
    private Set<Circle> circles = new LinkedHashSet<>();

    protected Invite() {
    }

    public Invite(byte[] tokenHash, InviteKind kind, Role role, String username, String inviter, String createdBy,
            String note, int maxUses, Instant createdAt, Instant expiresAt, Set<Circle> circles) {
        this.tokenHash = tokenHash.clone();
        this.kind = kind;
        this.role = role;
        this.username = username;
        this.inviter = inviter;
        this.createdBy = createdBy;
        this.note = note;
        this.maxUses = maxUses;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
        this.circles = new LinkedHashSet<>(circles);
    }

    public Long id() {
        return id;
    }

    public byte[] tokenHash() {
        return tokenHash.clone();
    }

    public InviteKind kind() {
        return kind;
    }

    public Role role() {
        return role;
    }

    public String username() {
        return username;
    }

    public String inviter() {
        return inviter;
    }

    public String createdBy() {
        return createdBy;
    }

    public String note() {
        return note;
    }

    public int maxUses() {
        return maxUses;
    }

    public int uses() {
        return uses;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public Instant revokedAt() {
        return revokedAt;
    }

    public Set<Circle> circles() {
        return Set.copyOf(circles);
    }
}
