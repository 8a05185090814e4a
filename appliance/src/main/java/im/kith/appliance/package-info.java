/**
 * The Kith appliance: the one Quarkus application that assembles the XMPP node, the invite service,
 * the admin portal and the certificate manager, and wires them together (certificate hot reload,
 * notifications to admins).
 */
package im.kith.appliance;
