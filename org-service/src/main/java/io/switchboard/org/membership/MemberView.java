package io.switchboard.org.membership;

import io.switchboard.events.access.Permission;
import io.switchboard.org.access.Member;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

public record MemberView(UUID userId, String email, String displayName, String role, String status, Instant joinedAt,
                         List<String> permissions) {

    static MemberView of(Member member) {
        return new MemberView(member.userId(), member.email(), member.displayName(), member.role(), member.status(),
                member.joinedAt(), member.permissions().stream().map(Permission::key).sorted().toList());
    }
}
