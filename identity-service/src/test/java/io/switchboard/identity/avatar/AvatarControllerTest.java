package io.switchboard.identity.avatar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.switchboard.identity.TestJwts;
import io.switchboard.web.ProblemException;
import io.switchboard.web.WebAutoConfiguration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

@WebFluxTest(controllers = AvatarController.class)
@ImportAutoConfiguration({WebAutoConfiguration.class, ReactiveWebSecurityAutoConfiguration.class})
@Import(TestJwts.class)
class AvatarControllerTest {

    private static final String PROBLEMS = "https://switchboard.dev/problems/";
    private static final UUID ME = UUID.randomUUID();
    private static final String BEARER = TestJwts.bearer(ME, "mia@acme.test", true);

    @Autowired WebTestClient web;
    @MockitoBean AvatarService avatars;

    @Test
    void everyEndpoint_needsAToken() {
        UUID org = UUID.randomUUID();
        web.put().uri("/api/me/avatar").contentType(MediaType.IMAGE_PNG).bodyValue(new byte[] {1}).exchange().expectStatus().isUnauthorized();
        web.get().uri("/api/me/avatar").exchange().expectStatus().isUnauthorized();
        web.delete().uri("/api/me/avatar").exchange().expectStatus().isUnauthorized();
        web.get().uri("/api/orgs/{org}/members/{user}/avatar", org, ME).exchange().expectStatus().isUnauthorized();
        web.put().uri("/api/orgs/{org}/users/{user}/avatar", org, ME).contentType(MediaType.IMAGE_PNG).bodyValue(new byte[] {1}).exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void putMine_storesTheBodyForTheCaller_andAnswersTheNewEtag() {
        byte[] png = TestImages.redBlue(40, 40, "png");
        when(avatars.store(eq(ME), eq(AvatarImages.Format.PNG), any()))
                .thenReturn(Mono.just(new AvatarService.AvatarView(ME, "\"abc\"", Instant.parse("2026-12-04T08:00:00Z"))));
        web.put().uri("/api/me/avatar").header(HttpHeaders.AUTHORIZATION, BEARER).contentType(MediaType.IMAGE_PNG).bodyValue(png).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ETAG, "\"abc\"")
                .expectBody().jsonPath("$.userId").isEqualTo(ME.toString()).jsonPath("$.etag").isEqualTo("\"abc\"");
        ArgumentCaptor<byte[]> body = ArgumentCaptor.forClass(byte[].class);
        verify(avatars).store(eq(ME), eq(AvatarImages.Format.PNG), body.capture());
        assertThat(body.getValue()).isEqualTo(png);
    }

    @Test
    void putMine_withAnotherType_is415_beforeTheBodyIsRead() {
        web.put().uri("/api/me/avatar").header(HttpHeaders.AUTHORIZATION, BEARER).contentType(MediaType.parseMediaType("image/svg+xml"))
                .bodyValue("<svg/>".getBytes()).exchange()
                .expectStatus().isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "unsupported-image-type")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("PNG, JPEG or WebP").contains("image/svg+xml"));
        verify(avatars, never()).store(any(), any(), any());
    }

    @Test
    void putMine_over2MB_is413() {
        byte[] big = new byte[AvatarImages.MAX_BYTES + 1];
        web.put().uri("/api/me/avatar").header(HttpHeaders.AUTHORIZATION, BEARER).contentType(MediaType.IMAGE_JPEG).bodyValue(big).exchange()
                .expectStatus().isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "image-too-large").jsonPath("$.maxBytes").isEqualTo(AvatarImages.MAX_BYTES);
        verify(avatars, never()).store(any(), any(), any());
    }

    @Test
    void putMine_withNoBody_is400() {
        web.put().uri("/api/me/avatar").header(HttpHeaders.AUTHORIZATION, BEARER).contentType(MediaType.IMAGE_PNG).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "invalid-image");
        verify(avatars, never()).store(any(), any(), any());
    }

    @Test
    void putMine_refusedByTheImageRules_answersTheirProblem() {
        when(avatars.store(any(), any(), any())).thenReturn(Mono.error(AvatarService.problem(
                new AvatarImages.Refused(AvatarImages.Reason.DIMENSIONS_TOO_LARGE, "The image is 60000 × 60000 pixels; at most 4096 × 4096 is accepted."))));
        web.put().uri("/api/me/avatar").header(HttpHeaders.AUTHORIZATION, BEARER).contentType(MediaType.IMAGE_PNG).bodyValue(new byte[] {1, 2}).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "image-dimensions-too-large").jsonPath("$.maxWidth").isEqualTo(4096);
    }

    @Test
    void getMine_servesOurPng_withEtagCachingAndNosniff_and304WhenCurrent() {
        byte[] png = TestImages.redBlue(4, 4, "png");
        when(avatars.image(ME)).thenReturn(Mono.just(new Avatars.Avatar(ME, png, "\"e1\"", Instant.parse("2026-12-04T08:00:00Z"))));
        web.get().uri("/api/me/avatar").header(HttpHeaders.AUTHORIZATION, BEARER).exchange()
                .expectStatus().isOk()
                .expectHeader().contentType(MediaType.IMAGE_PNG)
                .expectHeader().valueEquals(HttpHeaders.ETAG, "\"e1\"")
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-cache, private")
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectBody(byte[].class).isEqualTo(png);
        web.get().uri("/api/me/avatar").header(HttpHeaders.AUTHORIZATION, BEARER).header(HttpHeaders.IF_NONE_MATCH, "\"old\", W/\"e1\"").exchange()
                .expectStatus().isNotModified()
                .expectHeader().valueEquals(HttpHeaders.ETAG, "\"e1\"")
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-cache, private")
                .expectBody().isEmpty();
        web.get().uri("/api/me/avatar").header(HttpHeaders.AUTHORIZATION, BEARER).header(HttpHeaders.IF_NONE_MATCH, "\"old\"").exchange()
                .expectStatus().isOk();
    }

    @Test
    void getMember_404sAsProblem_whenNoneOrNotAMember() {
        UUID org = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        when(avatars.memberImage(eq(org), any(), eq(other))).thenReturn(Mono.error(ProblemException.notFound("member " + other)));
        web.get().uri("/api/orgs/{org}/members/{user}/avatar", org, other).header(HttpHeaders.AUTHORIZATION, BEARER).exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "not-found");
    }

    @Test
    void putMember_refused_neverReadsOrStores() {
        UUID org = UUID.randomUUID();
        UUID member = UUID.randomUUID();
        when(avatars.requireMayEdit(eq(org), any(), eq(member))).thenReturn(Mono.error(ProblemException.forbidden("Your role does not allow inviting people.")));
        web.put().uri("/api/orgs/{org}/users/{user}/avatar", org, member).header(HttpHeaders.AUTHORIZATION, BEARER)
                .contentType(MediaType.IMAGE_PNG).bodyValue(new byte[] {1}).exchange()
                .expectStatus().isForbidden();
        web.delete().uri("/api/orgs/{org}/users/{user}/avatar", org, member).header(HttpHeaders.AUTHORIZATION, BEARER).exchange()
                .expectStatus().isForbidden();
        verify(avatars, never()).store(any(), any(), any());
        verify(avatars, never()).remove(any());
    }

    @Test
    void putAndDeleteMember_whenAllowed_actOnTheMember() {
        UUID org = UUID.randomUUID();
        UUID member = UUID.randomUUID();
        when(avatars.requireMayEdit(eq(org), any(), eq(member))).thenReturn(Mono.empty());
        when(avatars.store(eq(member), eq(AvatarImages.Format.WEBP), any()))
                .thenReturn(Mono.just(new AvatarService.AvatarView(member, "\"w\"", Instant.now())));
        when(avatars.remove(member)).thenReturn(Mono.empty());
        web.put().uri("/api/orgs/{org}/users/{user}/avatar", org, member).header(HttpHeaders.AUTHORIZATION, BEARER)
                .contentType(MediaType.parseMediaType("image/webp")).bodyValue(TestImages.webp(true)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.userId").isEqualTo(member.toString());
        web.delete().uri("/api/orgs/{org}/users/{user}/avatar", org, member).header(HttpHeaders.AUTHORIZATION, BEARER).exchange()
                .expectStatus().isNoContent();
        verify(avatars).remove(member);
    }

    @Test
    void deleteMine_is204() {
        when(avatars.remove(ME)).thenReturn(Mono.empty());
        web.delete().uri("/api/me/avatar").header(HttpHeaders.AUTHORIZATION, BEARER).exchange().expectStatus().isNoContent();
        verify(avatars).remove(ME);
    }
}
