package io.switchboard.identity.invitation;

import io.switchboard.web.ProblemException;
import io.switchboard.web.ProblemTypes;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/** The invitation feature's refusals as problem+json. */
final class InvitationProblems {

    private InvitationProblems() {
    }

    static ProblemException of(Invitation.Refused refused) {
        return refused.reason() == Invitation.Refused.Reason.NOT_PENDING
                ? new ProblemException(HttpStatus.CONFLICT, ProblemTypes.CONFLICT, refused.getMessage())
                : gone(refused.getMessage());
    }

    static ProblemException gone(String detail) {
        return new ProblemException(HttpStatus.GONE, ProblemTypes.of("invitation-gone"), detail);
    }

    static ProblemException notFound(UUID invitationId) {
        return ProblemException.notFound("invitation " + invitationId);
    }

    static ProblemException pending(UUID orgId, String email) {
        return new ProblemException(HttpStatus.CONFLICT, ProblemTypes.of("invitation-pending"),
                email + " already has a pending invitation; resend it instead (POST /api/orgs/" + orgId + "/invitations/{id}/resend).");
    }

    static ProblemException inviterLostRights(String reason) {
        return new ProblemException(HttpStatus.CONFLICT, ProblemTypes.of("inviter-lost-rights"),
                reason + " The invitation can no longer be accepted; ask the organization for a new one.");
    }
}
