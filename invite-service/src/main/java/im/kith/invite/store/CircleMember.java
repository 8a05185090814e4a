package im.kith.invite.store;

import java.io.Serializable;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** Membership of an account (by localpart) in a circle (table {@code circle_members}, V50). */
@Entity
@Table(name = "circle_members")
@IdClass(CircleMember.Key.class)
public class CircleMember {
    @Id
    @Column(name = "circle_id")
    private Long circleId;

    @Id
    @Column(name = "account")
    private String account;

    @Column(name = "joined_at", nullable = false)
    private Instant joinedAt;

    protected CircleMember() {
    }

    public CircleMember(Long circleId, String account, Instant joinedAt) {
        this.circleId = circleId;
        this.account = account;
        this.joinedAt = joinedAt;
    }

    public Long circleId() {
        return circleId;
    }

    public String account() {
        return account;
    }

    /** The composite key. */
    public record Key(Long circleId, String account) implements Serializable {
        public Key() {
            this(null, null);
        }
    }
}
