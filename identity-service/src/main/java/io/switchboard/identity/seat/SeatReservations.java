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
 * Seats live in org-service (it owns plans and memberships). A pending invitation (or a directly created
 * account) reserves one there through org-service's internal API, with identity-service's own
 * client-credentials token (realm role {@code seat-reserver}), never with the user's bearer: the inviter's
 * right to invite is checked here, from the membership projection, before the call.
 */
@Component
public class SeatReservations {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PATH = "/internal/orgs/{org}/seat-reservations/{id}";

    private final WebClient orgService;
    private final ServiceToken serviceToken;

    /** {@code webClients}: Boot's builder, so that the call is observed and carries the trace context to org-service. */
    SeatReservations(@Value("${switchboard.services.org:http://127.0.0.1:8082}") String orgServiceUrl, ServiceToken serviceToken,
                     WebClient.Builder webClients) {
        this.orgService = webClients.baseUrl(orgServiceUrl).build();
        this.serviceToken = serviceToken;
    }

    /** Reserves (or renews) the seat of invitation {@code invitationId} in {@code orgId}; org-service refuses when the plan is full. */
    public Mono<Void> reserve(UUID orgId, UUID invitationId, String role, Instant expiresAt, UUID invitedBy) {
        Map<String, Object> body = Map.of("role", role, "expiresAt", expiresAt.toString(), "invitedBy", invitedBy.toString());
        return withServiceToken(token -> orgService.put().uri(PATH, orgId, invitationId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .bodyValue(body)
                .retrieve().toBodilessEntity().then());
    }

    public Mono<Void> release(UUID orgId, UUID invitationId) {
        return withServiceToken(token -> orgService.delete().uri(PATH, orgId, invitationId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .retrieve().toBodilessEntity().then());
    }

    /** One retry with a fresh token when org-service answers 401 (the cached one was revoked or the keys rotated). */
    private Mono<Void> withServiceToken(java.util.function.Function<String, Mono<Void>> call) {
        return serviceToken.get().flatMap(call)
                .onErrorResume(e -> e instanceof WebClientResponseException.Unauthorized, e -> {
                    serviceToken.invalidate();
                    return serviceToken.get().flatMap(call);
                })
                .onErrorMap(WebClientResponseException.class, SeatReservations::asProblem)
                .onErrorMap(e -> !(e instanceof ProblemException), e -> new ProblemException(HttpStatus.SERVICE_UNAVAILABLE,
                        ProblemTypes.of("dependency-unavailable"), "Seats could not be checked right now; try again."));
    }

    /** org-service's refusal (seat limit, bad role) is passed on as it was given. */
    private static ProblemException asProblem(WebClientResponseException e) {
        HttpStatus status = HttpStatus.resolve(e.getStatusCode().value());
        if (status == null || status.is5xxServerError() || status == HttpStatus.UNAUTHORIZED || status == HttpStatus.FORBIDDEN) {
            return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.of("dependency-unavailable"),
                    "Seats could not be checked right now; try again.");
        }
        try {
            JsonNode problem = JSON.readTree(e.getResponseBodyAsString());
            Map<String, Object> extra = new java.util.HashMap<>();
            problem.properties().forEach(field -> {
                if (!Map.of("type", 1, "title", 1, "status", 1, "detail", 1, "instance", 1).containsKey(field.getKey())) {
                    extra.put(field.getKey(), JSON.treeToValue(field.getValue(), Object.class));
                }
            });
            return new ProblemException(status, java.net.URI.create(problem.path("type").asString(ProblemTypes.CONFLICT.toString())),
                    problem.path("detail").asString("Refused by org-service."), extra);
        } catch (RuntimeException unreadable) {
            return new ProblemException(status, ProblemTypes.CONFLICT, "Refused by org-service.");
        }
    }

    /** Whether a failure is org-service's answer that the plan has no seat left. */
    public static boolean isSeatLimit(Throwable failure) {
        return failure instanceof ProblemException problem && problem.type().toString().endsWith("seat-limit-reached");
    }
}
