/**
 * The node's local admin API, used by {@code bin/kithctl} and the admin portal.
 *
 * <p>It is served on Quarkus' management interface, which the node binds to 127.0.0.1 only (port
 * {@code KITH_ADMIN_PORT}, default 5290), under {@code /kith/api}. Every request must carry
 * {@code Authorization: Bearer <token>} with the token the node writes at start to
 * {@code <KITH_DATA_DIR>/admin.token} ({@link im.kith.xmpp.admin.AdminToken}: 256 random bits, mode 0600,
 * reused across restarts); without it the answer is 401. Bodies and answers are JSON; a client that
 * sends {@code Accept: text/plain} gets the same answer as lines of text, so that shell scripts need no
 * JSON parser. Errors are {@code {"error": "..."}} with a 4xx status for bad input.
 *
 * <h2>Adding routes from another module</h2>
 * Observe the management router and register each route through {@link im.kith.xmpp.admin.AdminApi}, which
 * applies the token check, reads the body, runs the handler on a virtual thread (so it may block on
 * JDBC) and turns exceptions into JSON errors:
 * <pre>{@code
 * @ApplicationScoped
 * public class InviteRoutes {
 *     private final AdminApi api;
 *     private final Invites invites;
 *
 *     InviteRoutes(AdminApi api, Invites invites) { ... }
 *
 *     void init(@Observes ManagementInterface management) {
 *         api.route(management.router(), HttpMethod.POST, "/invites", request -> {
 *             JsonObject body = request.json();                     // 400 if not a JSON object
 *             String note = request.requiredString(body, "note");   // 400 if missing
 *             Invite invite = invites.create(note);                 // may block
 *             return AdminReply.created(new JsonObject().put("url", invite.url()), invite.url());
 *         });
 *     }
 * }
 * }</pre>
 * Throw {@link im.kith.xmpp.admin.AdminException} ({@code badRequest}, {@code notFound}, {@code conflict})
 * to refuse a request; {@link im.kith.xmpp.account.AccountException} and {@link IllegalArgumentException}
 * are mapped as well, anything else becomes a logged 500. The matching {@code kithctl} commands go in
 * {@code bin/kithctl.d/AREA.sh} (see the head of {@code bin/kithctl}).
 *
 * <h2>Routes of this package</h2>
 * {@link im.kith.xmpp.admin.UserRoutes}: {@code GET/POST /users}, {@code PUT /users/{user}/password},
 * {@code DELETE /users/{user}}, {@code POST /users/import}; {@link im.kith.xmpp.admin.StatusRoutes}:
 * {@code GET /status}.
 */
package im.kith.xmpp.admin;
