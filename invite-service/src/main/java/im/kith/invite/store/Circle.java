package im.kith.invite.store;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A circle: a named group of accounts that see each other (table {@code circles}, V50). */
@Entity
@Table(name = "circles")
public class Circle {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true)
    private String name;

    @Column(name = "is_default", nullable = false)
    private boolean defaultCircle;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Circle() {
    }

    public Circle(String name, boolean defaultCircle, Instant createdAt) {
        this.name = name;
        this.defaultCircle = defaultCircle;
        this.createdAt = createdAt;
    }

    public Long id() {
        return id;
    }

    public String name() {
        return name;
    }

    public boolean isDefault() {
        return defaultCircle;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
