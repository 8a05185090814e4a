package im.kith.xmpp.admin;

/** Handles one admin request on a virtual thread; may block and may throw (see {@link AdminApi}). */
@FunctionalInterface
public interface AdminHandler {
    AdminReply handle(AdminRequest request) throws Exception;
}
