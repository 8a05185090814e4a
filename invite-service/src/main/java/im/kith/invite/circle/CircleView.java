package im.kith.invite.circle;

import java.util.List;

/** A circle as shown to administrators: name, whether it is the site's default, members by localpart. */
public record CircleView(String name, boolean isDefault, List<String> members) {

    public CircleView {
        members = List.copyOf(members);
    }
}
