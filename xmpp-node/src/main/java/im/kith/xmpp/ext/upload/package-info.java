/**
 * XEP-0363 HTTP File Upload (version 1.1, {@code urn:xmpp:http:upload:0}): the {@code share.DOMAIN}
 * component hands out upload slots (§4) and the node's HTTP server accepts the PUT and serves the GET
 * (§5). Files are stored under {@code DATA_DIR/uploads/} named by the slot's random id only, so an
 * uploader cannot choose paths; slot metadata and quotas live in PostgreSQL (table
 * {@code upload_slots}); a retention job deletes files after {@code kith.retention-days}.
 */
package im.kith.xmpp.ext.upload;
