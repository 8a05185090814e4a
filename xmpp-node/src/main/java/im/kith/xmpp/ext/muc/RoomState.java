package im.kith.xmpp.ext.muc;

/** What a {@link RoomSlot} knows about its room. */
sealed interface RoomState {

    /** Not looked up yet: the next task loads the room from the database. */
    record Unloaded() implements RoomState {
    }

    /** No such room: the first join creates it (§10.1). */
    record Missing() implements RoomState {
    }

    /** The room is in memory. */
    record Live(Room room) implements RoomState {
    }
}
