package io.switchboard.routing.shared;

import java.util.Arrays;
import java.util.List;

/** The channels a conversation comes in on; a routing profile allows some and sets a capacity on each. */
public enum Channel {
    SMS, LIVE_CHAT, FACEBOOK, WHATSAPP, EMAIL, INSTAGRAM;

    public static List<String> names() {
        return Arrays.stream(values()).map(Enum::name).toList();
    }

    public static boolean isKnown(String name) {
        return name != null && names().contains(name);
    }
}
