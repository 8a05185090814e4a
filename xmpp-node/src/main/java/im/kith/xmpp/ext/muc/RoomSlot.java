package im.kith.xmpp.ext.muc;

/** A room's place in the {@link RoomRegistry}: its serial queue and its state, read and written on that queue. */
final class RoomSlot {
    private final String localpart;
    private final SerialQueue queue;
    private RoomState state = new RoomState.Unloaded();

    RoomSlot(String localpart, SerialQueue queue) {
        this.localpart = localpart;
        this.queue = queue;
    }

    String localpart() {
        return localpart;
    }

    SerialQueue queue() {
        return queue;
    }

    RoomState state() {
        return state;
    }

    void state(RoomState newState) {
        this.state = newState;
    }

    /** The live room, or null. */
    Room room() {
        return state instanceof RoomState.Live(Room r) ? r : null;
    }
}
