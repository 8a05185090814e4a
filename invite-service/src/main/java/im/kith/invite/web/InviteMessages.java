package im.kith.invite.web;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Texts of the invite pages, in English; other languages are in {@code messages/inv_LANG.properties}
 * (German: {@code inv_de.properties}). Templates use them as {@code {inv:key}}.
 */
@MessageBundle(value = "inv", locale = "en")
public interface InviteMessages {

    @Message("Invitation to {site}")
    String title(String site);

    @Message("{inviter} invites you to chat on {site}.")
    String invitedBy(String inviter, String site);

    @Message("You are invited to join {site}.")
    String invited(String site);

    @Message("You will be in touch with the members of: {circles}.")
    String circles(String circles);

    @Message("This invitation makes you an administrator of {site}.")
    String adminInvite(String site);

    @Message("Set a new password for {jid}.")
    String resetFor(String jid);

    @Message("This invitation is valid until {date}.")
    String validUntil(String date);

    @Message("1. Get an app")
    String stepApp();

    @Message("Android")
    String android();

    @Message("iPhone and iPad")
    String ios();

    @Message("Computer")
    String desktop();

    @Message("2. Open the invitation in the app")
    String stepOpen();

    @Message("Open in the app")
    String openInApp();

    @Message("On another device? Scan this code with its camera or app.")
    String scan();

    @Message("QR code of this invitation")
    String qrTitle();

    @Message("Or register here in your browser")
    String registerHere();

    @Message("Username")
    String username();

    @Message("Password (at least 10 characters)")
    String password();

    @Message("Repeat the password")
    String confirm();

    @Message("Create account")
    String create();

    @Message("Set password")
    String setPassword();

    @Message("Your account {jid} is ready.")
    String done(String jid);

    @Message("Your new password for {jid} is set.")
    String resetDone(String jid);

    @Message("Log in with any XMPP app (see above) using the address {jid} and your password.")
    String howToLogin(String jid);

    @Message("This invitation can no longer be used")
    String goneTitle();

    @Message("It has expired, was used up, or was withdrawn. Ask the person who invited you for a new one.")
    String goneText();

    @Message("Invitation not found")
    String unknownTitle();

    @Message("Check that you copied the whole link, or ask for a new invitation.")
    String unknownText();

    @Message("This name is taken. Please choose another one.")
    String errNameTaken();

    @Message("Choose a name of letters, digits, dots, dashes or underscores, without spaces.")
    String errNameInvalid();

    @Message("The password needs at least 10 characters.")
    String errPasswordShort();

    @Message("The two passwords differ.")
    String errPasswordMismatch();

    @Message("The form has expired. Please submit it again.")
    String errCsrf();

    @Message("Too many attempts. Please try again later.")
    String errThrottled();

    @Message("This invitation has expired.")
    String errExpired();
}
