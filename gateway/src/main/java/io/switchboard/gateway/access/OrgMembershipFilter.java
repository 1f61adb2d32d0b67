package io.switchboard.gateway.access;

import io.switchboard.gateway.web.Problems;
import io.switchboard.membership.MembershipProjection;
import io.switchboard.membership.MembershipProjection.Membership;
import io.switchboard.web.ProblemTypes;
import java.time.Duration;
import java.util.UUID;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * For {@code /api/orgs/{orgId}/**}: the caller must be an active member of that org, per the membership
 * projection fed by org.membership-state.v1. A removed or deactivated member is refused from the moment the
 * state record arrives, whatever their token's lifetime. A membership the projection has not seen yet (an org
 * created a moment ago) gets a short grace wait for its event before the refusal. Refusals are 404: an
 * org's existence is not revealed to outsiders.
 */
@Component
class OrgMembershipFilter implements WebFilter, Ordered {

    // Matched like the routes are (decoded segments), so a disguised path such as /api/%6Frgs/{id} that the
    // route would still forward cannot slip past this check.
    private static final PathPattern ORG_PATH = PathPatternParser.defaultInstance.parse("/api/orgs/{orgId}/**");
    private static final Duration GRACE = Duration.ofMillis(1500);

    private final MembershipProjection projection;

    OrgMembershipFilter(MembershipProjection projection) {
        this.projection = projection;
    }

    @Override
    public int getOrder() {
        return 0; // after Spring Security's filter chain (-100), so the principal is known
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        PathPattern.PathMatchInfo match = ORG_PATH.matchAndExtract(exchange.getRequest().getPath().pathWithinApplication());
        if (match == null) {
            return chain.filter(exchange);
        }
        UUID orgId;
        try {
            orgId = UUID.fromString(match.getUriVariables().get("orgId"));
        } catch (IllegalArgumentException notAnId) {
            return refuse(exchange);
        }
        return exchange.getPrincipal()
                .ofType(JwtAuthenticationToken.class)
                .map(token -> UUID.fromString(token.getToken().getSubject()))
                .flatMap(userId -> projection.awaitMembership(orgId, userId, GRACE).map(Membership::isActive))
                .defaultIfEmpty(false)
                .flatMap(allowed -> allowed ? chain.filter(exchange) : refuse(exchange));
    }

    private static Mono<Void> refuse(ServerWebExchange exchange) {
        return Problems.write(exchange, HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "No such organization for you.");
    }
}
