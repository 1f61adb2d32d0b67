package io.switchboard.identity.avatar;

import io.switchboard.web.Caller;
import io.switchboard.web.ProblemException;
import io.switchboard.web.ProblemTypes;
import java.time.Duration;
import java.util.UUID;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Profile images. Uploads are the raw image as the body (image/png, image/jpeg or image/webp, at most 2 MB); what is
 * stored and served is always our own 256 × 256 PNG, only from these endpoints (never from a URL anyone gave us).
 */
@RestController
class AvatarController {

    /** A member's image: its URL names the member, so a browser may reuse it for a while. */
    private static final CacheControl CACHE = CacheControl.maxAge(Duration.ofSeconds(300)).cachePrivate();
    /** /api/me/avatar is one URL for everyone: a browser shared by two people must ask (If-None-Match) every time. */
    private static final CacheControl MINE = CacheControl.noCache().cachePrivate();

    private final AvatarService avatars;

    AvatarController(AvatarService avatars) {
        this.avatars = avatars;
    }

    @PutMapping("/api/me/avatar")
    Mono<ResponseEntity<AvatarService.AvatarView>> putMine(ServerHttpRequest request, @AuthenticationPrincipal Jwt token) {
        UUID me = Caller.from(token).userId();
        return upload(request, me);
    }

    @DeleteMapping("/api/me/avatar")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> deleteMine(@AuthenticationPrincipal Jwt token) {
        return avatars.remove(Caller.from(token).userId());
    }

    @GetMapping("/api/me/avatar")
    Mono<ResponseEntity<byte[]>> getMine(@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
                                         @AuthenticationPrincipal Jwt token) {
        return avatars.image(Caller.from(token).userId()).map(image -> served(image, ifNoneMatch, MINE));
    }

    /** "Add user" and member administration: someone who may add users to the org sets a member's image. */
    @PutMapping("/api/orgs/{orgId}/users/{userId}/avatar")
    Mono<ResponseEntity<AvatarService.AvatarView>> putMember(@PathVariable UUID orgId, @PathVariable UUID userId, ServerHttpRequest request,
                                                             @AuthenticationPrincipal Jwt token) {
        return avatars.requireMayEdit(orgId, Caller.from(token), userId).then(Mono.defer(() -> upload(request, userId)));
    }

    @DeleteMapping("/api/orgs/{orgId}/users/{userId}/avatar")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> deleteMember(@PathVariable UUID orgId, @PathVariable UUID userId, @AuthenticationPrincipal Jwt token) {
        return avatars.requireMayEdit(orgId, Caller.from(token), userId).then(Mono.defer(() -> avatars.remove(userId)));
    }

    @GetMapping("/api/orgs/{orgId}/members/{userId}/avatar")
    Mono<ResponseEntity<byte[]>> getMember(@PathVariable UUID orgId, @PathVariable UUID userId,
                                           @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
                                           @AuthenticationPrincipal Jwt token) {
        return avatars.memberImage(orgId, Caller.from(token), userId).map(image -> served(image, ifNoneMatch, CACHE));
    }

    /** Checks the declared type and length, reads at most 2 MB of body, and stores our re-encoding. */
    private Mono<ResponseEntity<AvatarService.AvatarView>> upload(ServerHttpRequest request, UUID userId) {
        AvatarImages.Format format;
        try {
            format = AvatarImages.requireSupported(request.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE));
            AvatarImages.requireSize(request.getHeaders().getContentLength());
        } catch (AvatarImages.Refused refused) {
            return Mono.error(AvatarService.problem(refused));
        }
        return DataBufferUtils.join(request.getBody(), AvatarImages.MAX_BYTES)
                .map(buffer -> {
                    byte[] bytes = new byte[buffer.readableByteCount()];
                    buffer.read(bytes);
                    DataBufferUtils.release(buffer);
                    return bytes;
                })
                .onErrorMap(DataBufferLimitException.class, tooMany -> AvatarService.problem(AvatarImages.tooLarge()))
                .filter(bytes -> bytes.length > 0)
                .switchIfEmpty(Mono.error(() -> new ProblemException(HttpStatus.BAD_REQUEST, ProblemTypes.of("invalid-image"),
                        "The request has no image in its body; send the file's bytes as the body.")))
                .flatMap(bytes -> avatars.store(userId, format, bytes))
                .map(view -> ResponseEntity.ok().eTag(view.etag()).body(view));
    }

    /** The image, or 304 when the client's copy is current; never sniffed as anything but a PNG. */
    private static ResponseEntity<byte[]> served(Avatars.Avatar image, String ifNoneMatch, CacheControl cache) {
        if (matches(ifNoneMatch, image.etag())) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(image.etag()).cacheControl(cache)
                    .header("X-Content-Type-Options", "nosniff").build();
        }
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).eTag(image.etag()).cacheControl(cache)
                .lastModified(image.updatedAt())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; sandbox")
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"avatar.png\"")
                .body(image.png());
    }

    /** If-None-Match's weak comparison (RFC 9110 13.1.2): any listed tag equal to ours, W/ ignored, or *. */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String candidate = tag.trim();
            if (candidate.equals("*")) {
                return true;
            }
            if (candidate.startsWith("W/")) {
                candidate = candidate.substring(2);
            }
            if (candidate.equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
