package io.switchboard.identity.invitation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** @param publicUrl where people open the link: {@code <publicUrl>/invite/<token>} */
@ConfigurationProperties("switchboard.invitations")
public record InvitationProperties(@DefaultValue("http://localhost:8080") String publicUrl, @DefaultValue("7d") Duration validity) {
}
