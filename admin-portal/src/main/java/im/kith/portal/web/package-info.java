/**
 * The portal's web plumbing: who is signed in ({@link im.kith.portal.web.Guard}), page rendering with
 * the visitor's language and safe headers ({@link im.kith.portal.web.Pages}), the texts
 * ({@link im.kith.portal.web.PortalMessages}), problem pages, and the login and logout endpoints.
 */
package im.kith.portal.web;
