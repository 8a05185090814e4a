package im.kith.invite.circle;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Room localparts derived from circle names are safe JID localparts. */
class CircleRoomNamesTest {

    @Test
    void circleNamesFoldToLowerCaseAsciiWithDashes() {
        assertThat(MucCircleChatRooms.localpart("Night Owls")).isEqualTo("night-owls");
        assertThat(MucCircleChatRooms.localpart("Öl & Wein")).isEqualTo("ol-wein");
        assertThat(MucCircleChatRooms.localpart("  Kith Test!  ")).isEqualTo("kith-test");
        assertThat(MucCircleChatRooms.localpart("a@b/c<d>'e\"f:g")).isEqualTo("a-b-c-d-e-f-g");
    }

    @Test
    void namesWithoutLettersOrDigitsBecomeCircleAndLongNamesAreCut() {
        assertThat(MucCircleChatRooms.localpart("♥ ♥")).isEqualTo("circle");
        assertThat(MucCircleChatRooms.localpart("家族")).isEqualTo("circle");
        assertThat(MucCircleChatRooms.localpart("x".repeat(64))).hasSize(MucCircleChatRooms.MAX_LOCALPART);
        assertThat(MucCircleChatRooms.localpart("word ".repeat(20))).doesNotEndWith("-")
                .hasSizeLessThanOrEqualTo(MucCircleChatRooms.MAX_LOCALPART);
    }
}
