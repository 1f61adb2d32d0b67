package io.switchboard.notification.push;

import io.switchboard.events.identity.SessionEnded;
import io.switchboard.membership.MembershipProjection;
import io.switchboard.membership.MembershipProjection.Membership;
import io.switchboard.web.Caller;
import io.switchboard.web.ProblemException;
import io.switchboard.web.ProblemTypes;
import jakarta.annotation.PreDestroy;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The Web Push API: the VAPID public key (public), and the caller's subscriptions. A subscription is bound to
 * the caller, an org they are an active member of, and the Keycloak session of the token ({@code sid}, hashed).
 */
@RestController
class PushController {

    static final URI PUSH_NOT_CONFIGURED = ProblemTypes.of("push-not-configured");
    private static final Logger log = LoggerFactory.getLogger(PushController.class);
    private static final Duration MEMBERSHIP_GRACE = Duration.ofSeconds(2);
    private static final Duration DNS_GRACE = Duration.ofSeconds(3);

    private final VapidKeys vapidKeys;
    private final PushSubscriptions subscriptions;
    private final MembershipProjection memberships;
    private final EndpointRules endpointRules;
    private final SubscribeDnsCheck dnsCheck;

    PushController(VapidKeys vapidKeys, PushSubscriptions subscriptions, MembershipProjection memberships, PushProperties properties) {
        this.vapidKeys = vapidKeys;
        this.subscriptions = subscriptions;
        this.memberships = memberships;
        this.endpointRules = new EndpointRules(properties.insecureEndpointHosts());
        this.dnsCheck = SubscribeDnsCheck.system(endpointRules, DNS_GRACE);
    }

    @PreDestroy
    void stopDnsThreads() {
        dnsCheck.dispose();
    }

    record VapidPublicKey(String publicKey) {
    }

    record SubscriptionResponse(UUID id, UUID orgId, String deviceId) {
    }

    @GetMapping("/api/push/vapid-public-key")
    Mono<VapidPublicKey> vapidPublicKey() {
        return vapidKeys.publicKey().map(key -> new VapidPublicKey(key.orElseThrow(PushController::notConfigured)));
    }

    @PostMapping("/api/me/push-subscriptions")
    Mono<ResponseEntity<SubscriptionResponse>> subscribe(@AuthenticationPrincipal Jwt jwt, @RequestBody SubscribeRequest request) {
        Caller caller = Caller.from(jwt);
        List<SubscribeRequest.FieldError> errors = request.errors(endpointRules);
        if (!errors.isEmpty()) {
            return Mono.error(new ProblemException(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "The request has invalid fields.",
                    Map.of("errors", errors.stream().map(e -> Map.of("field", e.field(), "message", e.message())).toList())));
        }
        if (caller.sessionId() == null || caller.sessionId().isBlank()) {
            return Mono.error(new ProblemException(HttpStatus.BAD_REQUEST, ProblemTypes.BAD_REQUEST,
                    "A push subscription belongs to a signed-in session: the token has no sid claim."));
        }
        String sessionHash = SessionEnded.hashOf(caller.sessionId());
        return vapidKeys.publicKey()
                .filter(key -> key.isPresent())
                .switchIfEmpty(Mono.error(notConfigured()))
                .then(addressRefusal(request.endpoint()))
                .flatMap(refusal -> Mono.<Void>error(new ProblemException(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION,
                        "The request has invalid fields.", Map.of("errors", List.of(Map.of("field", "endpoint", "message", refusal))))))
                .then(Mono.defer(() -> memberships.awaitMembership(request.orgId(), caller.userId(), MEMBERSHIP_GRACE)))
                .filter(Membership::isActive)
                .switchIfEmpty(Mono.error(ProblemException.notFound("organization")))
                .then(Mono.defer(() -> subscriptions.subscribe(caller.userId(), request.orgId(), sessionHash, request)))
                .map(stored -> {
                    log.info("push subscription {} of {} in org {} ({}) device {} on {}{}", stored.id(), caller.userId(), request.orgId(),
                            stored.created() ? "new" : "refreshed", LogText.safe(request.deviceId()), LogText.endpoint(request.endpoint()),
                            stored.movedFromOthers() > 0 ? ", moved from another person" : "");
                    return ResponseEntity.status(stored.created() ? HttpStatus.CREATED : HttpStatus.OK)
                            .body(new SubscriptionResponse(stored.id(), request.orgId(), request.deviceId()));
                });
    }

    @DeleteMapping("/api/me/push-subscriptions/{deviceId}")
    Mono<ResponseEntity<Void>> unsubscribe(@AuthenticationPrincipal Jwt jwt, @PathVariable String deviceId) {
        if (deviceId.length() > SubscribeRequest.MAX_DEVICE_ID) {
            return Mono.error(new ProblemException(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "The request has invalid fields.",
                    Map.of("errors", List.of(Map.of("field", "deviceId",
                            "message", "must be at most " + SubscribeRequest.MAX_DEVICE_ID + " characters")))));
        }
        Caller caller = Caller.from(jwt);
        return subscriptions.deleteDevice(caller.userId(), deviceId)
                .doOnNext(deleted -> log.info("push subscriptions of {} device {} deleted: {}", caller.userId(), LogText.safe(deviceId), deleted))
                .thenReturn(ResponseEntity.noContent().<Void>build());
    }

    /** The endpoint host's DNS answer judged on push-dns threads ({@link SubscribeDnsCheck}); slow or busy: skipped, the sender checks again. */
    private Mono<String> addressRefusal(String endpoint) {
        return dnsCheck.refusal(endpoint);
    }

    private static ProblemException notConfigured() {
        return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, PUSH_NOT_CONFIGURED,
                "Web Push is not configured on this server (no key-encryption key).");
    }
}
