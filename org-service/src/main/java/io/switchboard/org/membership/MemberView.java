package io.switchboard.org.membership;

import io.switchboard.events.access.Permission;
import io.switchboard.org.access.Member;
import io.switchboard.org.portal.PortalMembership;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Member details; firstName, lastName and phone are what the invitation carried (null when it had none).
 * {@code portals}: the portals they are in with their portal role there, as portal-service last published it.
 */
public record MemberView(UUID userId, String email, String displayName, String firstName, String lastName, String phone, String role,
                         String status, Instant joinedAt, List<String> permissions, List<PortalMembership> portals) {

    static MemberView of(Member member, List<PortalMembership> portals) {
        return new MemberView(member.userId(), member.email(), member.displayName(), member.firstName(), member.lastName(), member.phone(),
                member.role(), member.status().name(), member.joinedAt(), member.permissions().stream().map(Permission::key).sorted().toList(),
                List.copyOf(portals));
    }
}
