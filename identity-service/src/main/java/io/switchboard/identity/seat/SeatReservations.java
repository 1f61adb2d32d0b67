package io.switchboard.identity.seat;

import io.switchboard.web.ProblemException;
import io.switchboard.web.ProblemTypes;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seats live in org-service (it owns plans and memberships). A pending invitation reserves one there,
 * with the inviter's own token, so org-service checks the inviter's right too.
 */
@Component
public class SeatReservations {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WebClient orgService;

    SeatReservations(@Value("${switchboard.services.org:http://127.0.0.1:8082}") String orgServiceUrl) {
        this.orgService = WebClient.builder().baseUrl(orgServiceUrl).build();
    }

    public Mono<Void> reserve(UUID orgId, UUID invitationId, String role, Instant expiresAt, String bearerToken) {
        return orgService.put().uri("/api/orgs/{org}/seat-reservations/{id}", orgId, invitationId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + bearerToken)
                .bodyValue(Map.of("role", role, "expiresAt", expiresAt.toString()))
                .retrieve().toBodilessEntity().then()
                .onErrorMap(WebClientResponseException.class, SeatReservations::asProblem);
    }

    public Mono<Void> release(UUID orgId, UUID invitationId, String bearerToken) {
        return orgService.delete().uri("/api/orgs/{org}/seat-reservations/{id}", orgId, invitationId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + bearerToken)
                .retrieve().toBodilessEntity().then()
                .onErrorMap(WebClientResponseException.class, SeatReservations::asProblem);
    }

    /** org-service's refusal (seat limit, no right) is passed on as it was given. */
    private static Throwable asProblem(WebClientResponseException e) {
        HttpStatus status = HttpStatus.resolve(e.getStatusCode().value());
        if (status == null || status.is5xxServerError()) {
            return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.of("dependency-unavailable"),
                    "Seats could not be checked right now; try again.");
        }
        try {
            JsonNode problem = JSON.readTree(e.getResponseBodyAsString());
            Map<String, Object> extra = problem.has("seatLimit")
                    ? Map.of("seatLimit", problem.get("seatLimit").asInt(), "seatsTaken", problem.get("seatsTaken").asLong()) : Map.of();
            return new ProblemException(status, java.net.URI.create(problem.path("type").asString(ProblemTypes.CONFLICT.toString())),
                    problem.path("detail").asString("Refused by org-service."), extra);
        } catch (RuntimeException unreadable) {
            return new ProblemException(status, ProblemTypes.CONFLICT, "Refused by org-service.");
        }
    }
}
