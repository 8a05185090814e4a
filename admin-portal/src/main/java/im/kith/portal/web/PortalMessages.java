package im.kith.portal.web;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Texts of the portal, in English; other languages are in {@code messages/portal_LANG.properties}
 * (German: {@code portal_de.properties}). Templates use them as {@code {portal:key}}, Java code through
 * {@link Texts}.
 */
@MessageBundle(value = "portal", locale = "en")
public interface PortalMessages {
    @Message("{site} · Kith")
    String title(String site);
    @Message("My account")
    String navAccount();
    @Message("My data")
    String navData();
    @Message("Overview")
    String navAdmin();
    @Message("Users")
    String navUsers();
    @Message("Invites")
    String navInvites();
    @Message("Circles")
    String navCircles();
    @Message("Log out")
    String logout();
    @Message("Log in")
    String loginTitle();
    @Message("Log in to {site} with your chat address and password.")
    String loginIntro(String site);
    @Message("Chat address")
    String address();
    @Message("for example alice or alice@{domain}")
    String addressHint(String domain);
    @Message("Password")
    String password();
    @Message("Log in")
    String loginButton();
    @Message("The address or the password is wrong.")
    String errLogin();
    @Message("This account is disabled.")
    String errDisabled();
    @Message("Too many failed attempts. Please wait a few minutes and try again.")
    String errThrottled();
    @Message("Passwords cannot be checked right now. Please try again later.")
    String errUnavailable();
    @Message("You are logged out.")
    String loggedOut();
    @Message("My account")
    String profileTitle();
    @Message("Address")
    String jid();
    @Message("Role")
    String role();
    @Message("Created")
    String created();
    @Message("Administrator")
    String roleADMIN();
    @Message("Member")
    String roleUSER();
    @Message("Guest")
    String roleLIMITED();
    @Message("Change password")
    String passwordTitle();
    @Message("Current password")
    String currentPassword();
    @Message("New password (at least 10 characters)")
    String newPassword();
    @Message("Repeat the new password")
    String confirmPassword();
    @Message("Your password is changed.")
    String passwordChanged();
    @Message("The current password is wrong.")
    String errCurrentPassword();
    @Message("The new password needs at least 10 characters.")
    String errPasswordShort();
    @Message("The two new passwords differ.")
    String errPasswordMismatch();
    @Message("This password contains characters that are not allowed.")
    String errPasswordInvalid();
    @Message("Delete my account")
    String deleteTitle();
    @Message("This deletes {jid} with its contacts, waiting messages and message archive. It cannot be undone.")
    String deleteText(String jid);
    @Message("Enter your password to confirm")
    String deleteConfirm();
    @Message("Delete my account for good")
    String deleteButton();
    @Message("Account deleted")
    String deletedTitle();
    @Message("The account {jid} and everything Kith stored for it are deleted.")
    String deletedText(String jid);
    @Message("What Kith stores about you")
    String dataTitle();
    @Message("Kith keeps only what a chat server needs to work. This page counts what is stored; it never shows the contents of messages.")
    String dataIntro();
    @Message("Your account")
    String dataAccount();
    @Message("Your password itself is not stored: only salted keys derived from it (SCRAM-SHA-1 and SCRAM-SHA-256), which cannot be turned back into the password.")
    String dataPassword();
    @Message("Contacts on your contact list")
    String dataContacts();
    @Message("Messages waiting for you while all your devices are offline")
    String dataOffline();
    @Message("Messages in your archive, so that all your devices see the same history")
    String dataArchive();
    @Message("Archived messages are deleted after {days} days.")
    String dataRetention(String days);
    @Message("Archived messages are kept until you delete your account.")
    String dataRetentionOff();
    @Message("Addresses you blocked")
    String dataBlocked();
    @Message("Profile card (vCard) published")
    String dataVcard();
    @Message("Last status message and when you were last online")
    String dataPresence();
    @Message("Circles you belong to")
    String dataCircles();
    @Message("Invites you created")
    String dataInvites();
    @Message("Logins are disabled")
    String dataDisabled();
    @Message("Kith never logs the contents of messages or passwords.")
    String dataLogs();
    @Message("When you delete your account, all of this is deleted with it.")
    String dataDeletion();
    @Message("Apps that stay logged in")
    String devicesTitle();
    @Message("These apps log in with a token instead of your password (FAST). Kith keeps a fingerprint of each token, the name the app gives itself and its device, and when the token expires. Logging an app out makes it ask for your password again; changing your password logs out all of them.")
    String devicesIntro();
    @Message("No app holds a login token.")
    String devicesNone();
    @Message("App")
    String deviceApp();
    @Message("Device")
    String deviceName();
    @Message("Since")
    String deviceSince();
    @Message("Token valid until")
    String deviceUntil();
    @Message("Log out")
    String deviceLogOut();
    @Message("unnamed app")
    String deviceUnnamed();
    @Message("The app is logged out. It will ask for your password when it connects again.")
    String deviceLoggedOut();
    @Message("Unknown app")
    String deviceUnknownTitle();
    @Message("The form did not name an app.")
    String deviceUnknown();
    @Message("yes")
    String yes();
    @Message("no")
    String no();
    @Message("none")
    String none();
    @Message("Overview")
    String dashTitle();
    @Message("Version")
    String version();
    @Message("Domain")
    String domain();
    @Message("Listeners")
    String listeners();
    @Message("Sessions online")
    String sessionsOnline();
    @Message("Accounts")
    String accountsCount();
    @Message("Certificate")
    String certTitle();
    @Message("State")
    String certState();
    @Message("Automatic certificates are off")
    String stateDISABLED();
    @Message("Obtaining a certificate")
    String stateOBTAINING();
    @Message("Valid")
    String stateVALID();
    @Message("Renewing")
    String stateRENEWING();
    @Message("Renewal is failing")
    String stateFAILING();
    @Message("Names")
    String certNames();
    @Message("Expires")
    String certExpires();
    @Message("Last problem")
    String certLastError();
    @Message("Reason")
    String certReason();
    @Message("Next attempt")
    String certNextAttempt();
    @Message("Renew certificate now")
    String renewNow();
    @Message("Renewal started. Reload this page in a minute to see the outcome.")
    String renewStarted();
    @Message("Federation")
    String fedTitle();
    @Message("No other servers contacted yet.")
    String fedNone();
    @Message("Server")
    String fedDomain();
    @Message("Incoming streams")
    String fedIn();
    @Message("Outgoing")
    String fedOut();
    @Message("Last problem")
    String fedError();
    @Message("connected")
    String connected();
    @Message("not connected")
    String notConnected();
    @Message("Users")
    String usersTitle();
    @Message("online")
    String online();
    @Message("offline")
    String offline();
    @Message("disabled")
    String disabled();
    @Message("State")
    String state();
    @Message("Actions")
    String actions();
    @Message("Add a user")
    String addUser();
    @Message("Username")
    String username();
    @Message("Password (at least 10 characters)")
    String initialPassword();
    @Message("Administrator")
    String asAdmin();
    @Message("Add user")
    String addButton();
    @Message("{jid} was added.")
    String userAdded(String jid);
    @Message("{name} was updated.")
    String userUpdated(String name);
    @Message("{name} was deleted.")
    String userDeleted(String name);
    @Message("Disable")
    String disable();
    @Message("Enable")
    String enable();
    @Message("Make administrator")
    String makeAdmin();
    @Message("Make member")
    String makeMember();
    @Message("Delete")
    String delete();
    @Message("Password reset link")
    String resetPassword();
    @Message("Password reset for {jid}")
    String resetTitle(String jid);
    @Message("Give this link to the person it is for. It is shown only now and is valid until {date}.")
    String linkText(String date);
    @Message("Use My account for changes to your own account.")
    String errSelf();
    @Message("This name is taken.")
    String errNameTaken();
    @Message("There is no such user.")
    String errNoUser();
    @Message("Choose a name of letters, digits, dots, dashes or underscores, without spaces.")
    String errNameInvalid();
    @Message("Invites")
    String invitesTitle();
    @Message("Create an invite")
    String createInvite();
    @Message("Kind")
    String kind();
    @Message("New account")
    String kindACCOUNT();
    @Message("New account, in contact with me")
    String kindCONTACT();
    @Message("New administrator")
    String kindADMIN();
    @Message("Password reset")
    String kindRESET();
    @Message("Valid for")
    String validFor();
    @Message("{n} hours")
    String hours(String n);
    @Message("{n} days")
    String days(String n);
    @Message("Uses")
    String uses();
    @Message("Fixed username (optional)")
    String fixedName();
    @Message("Note for administrators (optional)")
    String note();
    @Message("Circles to join")
    String circlesToJoin();
    @Message("Create invite")
    String createButton();
    @Message("Invite created")
    String inviteCreated();
    @Message("open, {n} left")
    String stateOpen(String n);
    @Message("expired")
    String stateExpired();
    @Message("used up")
    String stateUsedUp();
    @Message("revoked")
    String stateRevoked();
    @Message("Revoke")
    String revoke();
    @Message("The invite was revoked.")
    String inviteRevoked();
    @Message("No invites yet.")
    String noInvites();
    @Message("Created by")
    String createdBy();
    @Message("Expires")
    String expires();
    @Message("QR code of the invite link")
    String qrTitle();
    @Message("Circles")
    String circlesTitle();
    @Message("Members of a circle have each other in their contact lists.")
    String circlesIntro();
    @Message("Name")
    String circleName();
    @Message("Create circle")
    String createCircle();
    @Message("Members")
    String members();
    @Message("Add member")
    String addMember();
    @Message("Remove")
    String remove();
    @Message("Delete circle")
    String deleteCircle();
    @Message("default circle")
    String defaultCircle();
    @Message("Circle {name} created.")
    String circleCreated(String name);
    @Message("Circle {name} deleted.")
    String circleDeleted(String name);
    @Message("Circle {name} updated.")
    String circleUpdated(String name);
    @Message("No members yet.")
    String noMembers();
    @Message("Group chats (every member has them bookmarked)")
    String circleRooms();
    @Message("Add group chat")
    String addRoom();
    @Message("Not allowed")
    String forbiddenTitle();
    @Message("This page is for administrators.")
    String forbiddenText();
    @Message("The form has expired")
    String csrfTitle();
    @Message("Please go back, reload the page and submit the form again.")
    String csrfText();
    @Message("That did not work")
    String problemTitle();
    @Message("Not found")
    String notFoundTitle();
    @Message("Back")
    String back();
    @Message("Go to the login page")
    String toLogin();
}
