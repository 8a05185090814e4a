package im.kith.invite.circle;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.DefaultBean;

/** Circles without group chats: used while no MUC service provides {@link CircleChatRooms}. */
@ApplicationScoped
@DefaultBean
public class NoCircleChatRooms implements CircleChatRooms {

    @Override
    public void circleCreated(String circle) {
    }

    @Override
    public void circleDeleted(String circle) {
    }

    @Override
    public void memberAdded(String circle, String account) {
    }

    @Override
    public void memberRemoved(String circle, String account) {
    }
}
