package im.kith.xmpp.im.presence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import im.kith.xmpp.im.presence.SubscriptionTransitions.Reaction;
import im.kith.xmpp.im.roster.Subscription;
import im.kith.xmpp.im.roster.SubscriptionState;

/** The state tables of RFC 6121 Appendix A.2 (outbound) and A.3 (inbound), row by row, plus §3.4. */
class SubscriptionTransitionsTest {
    private static final SubscriptionState NONE = SubscriptionState.NONE;
    private static final SubscriptionState NONE_OUT = NONE.withPendingOut(true);
    private static final SubscriptionState NONE_IN = NONE.withPendingIn(true);
    private static final SubscriptionState NONE_OUT_IN = NONE_OUT.withPendingIn(true);
    private static final SubscriptionState TO = state(Subscription.TO);
    private static final SubscriptionState TO_IN = TO.withPendingIn(true);
    private static final SubscriptionState FROM = state(Subscription.FROM);
    private static final SubscriptionState FROM_OUT = FROM.withPendingOut(true);
    private static final SubscriptionState BOTH = state(Subscription.BOTH);

    private static SubscriptionState state(Subscription s) {
        return new SubscriptionState(s, false, false, false);
    }

    @Test
    void outboundSubscribeIsAlwaysRoutedAndMakesPendingOutUnlessAlreadySubscribed() {
        assertOutbound(SubscriptionType.SUBSCRIBE, Map.of(
                NONE, NONE_OUT, NONE_OUT, NONE_OUT, NONE_IN, NONE_OUT_IN, NONE_OUT_IN, NONE_OUT_IN,
                TO, TO, TO_IN, TO_IN, FROM, FROM_OUT, FROM_OUT, FROM_OUT, BOTH, BOTH));
        for (SubscriptionState s : all()) {
            assertThat(SubscriptionTransitions.outbound(SubscriptionType.SUBSCRIBE, s).route()).isTrue();
        }
    }

    @Test
    void outboundUnsubscribeEndsTheSubscriptionToTheContact() {
        assertOutbound(SubscriptionType.UNSUBSCRIBE, Map.of(
                NONE, NONE, NONE_OUT, NONE, NONE_IN, NONE_IN, NONE_OUT_IN, NONE_IN,
                TO, NONE, TO_IN, NONE_IN, FROM, FROM, FROM_OUT, FROM, BOTH, FROM));
    }

    @Test
    void outboundSubscribedApprovesPendingRequestsAndIsRoutedOnlyThen() {
        assertOutbound(SubscriptionType.SUBSCRIBED, Map.of(
                NONE_IN, FROM, NONE_OUT_IN, FROM_OUT, TO_IN, BOTH, FROM, FROM, FROM_OUT, FROM_OUT, BOTH, BOTH));
        assertThat(SubscriptionTransitions.outbound(SubscriptionType.SUBSCRIBED, NONE_IN).route()).isTrue();
        assertThat(SubscriptionTransitions.outbound(SubscriptionType.SUBSCRIBED, BOTH).route()).isFalse();
    }

    @Test
    void outboundSubscribedWithoutPendingRequestIsAPreApprovalThatIsNotRouted() {
        for (SubscriptionState s : new SubscriptionState[] {NONE, NONE_OUT, TO}) {
            SubscriptionTransitions.Outbound t = SubscriptionTransitions.outbound(SubscriptionType.SUBSCRIBED, s);
            assertThat(t.after()).isEqualTo(s.withApproved(true));
            assertThat(t.route()).isFalse();
        }
    }

    @Test
    void outboundUnsubscribedCancelsOrDeniesAndIsRoutedOnlyIfThereWasSomethingToCancel() {
        assertOutbound(SubscriptionType.UNSUBSCRIBED, Map.of(
                NONE, NONE, NONE_OUT, NONE_OUT, NONE_IN, NONE, NONE_OUT_IN, NONE_OUT,
                TO, TO, TO_IN, TO, FROM, NONE, FROM_OUT, NONE_OUT, BOTH, TO));
        assertThat(SubscriptionTransitions.outbound(SubscriptionType.UNSUBSCRIBED, NONE).route()).isFalse();
        assertThat(SubscriptionTransitions.outbound(SubscriptionType.UNSUBSCRIBED, NONE_IN).route()).isTrue();
        assertThat(SubscriptionTransitions.outbound(SubscriptionType.UNSUBSCRIBED, BOTH).route()).isTrue();
        assertThat(SubscriptionTransitions.outbound(SubscriptionType.UNSUBSCRIBED, NONE.withApproved(true)).after())
                .isEqualTo(NONE);
    }

    @Test
    void inboundSubscribeIsKeptAsPendingInOrAutoApproved() {
        assertInbound(SubscriptionType.SUBSCRIBE, Map.of(
                NONE, NONE_IN, NONE_OUT, NONE_OUT_IN, NONE_IN, NONE_IN, NONE_OUT_IN, NONE_OUT_IN,
                TO, TO_IN, TO_IN, TO_IN, FROM, FROM, FROM_OUT, FROM_OUT, BOTH, BOTH));
        assertThat(SubscriptionTransitions.inbound(SubscriptionType.SUBSCRIBE, NONE).reaction()).isEqualTo(Reaction.DELIVER);
        assertThat(SubscriptionTransitions.inbound(SubscriptionType.SUBSCRIBE, BOTH).reaction()).isEqualTo(Reaction.APPROVE);
    }

    @Test
    void inboundSubscribeAfterPreApprovalIsApprovedAtOnce() {
        SubscriptionTransitions.Inbound t = SubscriptionTransitions.inbound(SubscriptionType.SUBSCRIBE, TO.withApproved(true));
        assertThat(t.after()).isEqualTo(BOTH);
        assertThat(t.reaction()).isEqualTo(Reaction.APPROVE);
    }

    @Test
    void inboundSubscribedCountsOnlyForAPendingRequest() {
        assertInbound(SubscriptionType.SUBSCRIBED, Map.of(
                NONE, NONE, NONE_OUT, TO, NONE_IN, NONE_IN, NONE_OUT_IN, TO_IN,
                TO, TO, TO_IN, TO_IN, FROM, FROM, FROM_OUT, BOTH, BOTH, BOTH));
        assertThat(SubscriptionTransitions.inbound(SubscriptionType.SUBSCRIBED, NONE).reaction()).isEqualTo(Reaction.IGNORE);
        assertThat(SubscriptionTransitions.inbound(SubscriptionType.SUBSCRIBED, NONE_OUT).reaction()).isEqualTo(Reaction.DELIVER);
    }

    @Test
    void inboundUnsubscribeEndsTheContactsSubscription() {
        assertInbound(SubscriptionType.UNSUBSCRIBE, Map.of(
                NONE, NONE, NONE_OUT, NONE_OUT, NONE_IN, NONE, NONE_OUT_IN, NONE_OUT,
                TO, TO, TO_IN, TO, FROM, NONE, FROM_OUT, NONE_OUT, BOTH, TO));
        assertThat(SubscriptionTransitions.inbound(SubscriptionType.UNSUBSCRIBE, TO).reaction()).isEqualTo(Reaction.IGNORE);
    }

    @Test
    void inboundUnsubscribedEndsTheUsersSubscription() {
        assertInbound(SubscriptionType.UNSUBSCRIBED, Map.of(
                NONE, NONE, NONE_OUT, NONE, NONE_IN, NONE_IN, NONE_OUT_IN, NONE_IN,
                TO, NONE, TO_IN, NONE_IN, FROM, FROM, FROM_OUT, FROM, BOTH, FROM));
        assertThat(SubscriptionTransitions.inbound(SubscriptionType.UNSUBSCRIBED, FROM).reaction()).isEqualTo(Reaction.IGNORE);
    }

    private static SubscriptionState[] all() {
        return new SubscriptionState[] {NONE, NONE_OUT, NONE_IN, NONE_OUT_IN, TO, TO_IN, FROM, FROM_OUT, BOTH};
    }

    private static void assertOutbound(SubscriptionType type, Map<SubscriptionState, SubscriptionState> table) {
        table.forEach((before, after) -> assertThat(SubscriptionTransitions.outbound(type, before).after())
                .as("outbound %s in %s", type, before).isEqualTo(after));
    }

    private static void assertInbound(SubscriptionType type, Map<SubscriptionState, SubscriptionState> table) {
        table.forEach((before, after) -> assertThat(SubscriptionTransitions.inbound(type, before).after())
                .as("inbound %s in %s", type, before).isEqualTo(after));
        for (SubscriptionState s : all()) {
            SubscriptionTransitions.Inbound t = SubscriptionTransitions.inbound(type, s);
            assertThat(t.reaction() == Reaction.IGNORE).as("ignored exactly when nothing changes: %s in %s", type, s)
                    .isEqualTo(t.after().equals(s) && type != SubscriptionType.SUBSCRIBE);
        }
    }
}
