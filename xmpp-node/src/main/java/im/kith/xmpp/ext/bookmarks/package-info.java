/**
 * Bookmarks: XEP-0402 PEP Native Bookmarks (version 1.2) on the {@code urn:xmpp:bookmarks:1} node of
 * each account, with the compatibility of XEP-0402 §5.3 ({@code urn:xmpp:bookmarks:1#compat}):
 * {@code storage:bookmarks} (XEP-0048) read and written through XEP-0049 private XML storage is a view
 * of the same node. Private storage of every other namespace is kept as it is (XEP-0049 §2).
 *
 * <p>{@link im.kith.xmpp.ext.bookmarks.BookmarkService} lets other modules add or remove a room
 * bookmark for a user. XEP-0048 {@code <url/>} bookmarks have no XEP-0402 form and are not kept.
 */
package im.kith.xmpp.ext.bookmarks;
