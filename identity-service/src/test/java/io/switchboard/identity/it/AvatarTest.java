package io.switchboard.identity.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.org.MemberRemoved;
import io.switchboard.identity.avatar.TestImages;
import io.switchboard.membership.MembershipProjection;
import java.time.Duration;
import io.switchboard.testing.SignedInUser;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Profile images on the real servers: stored as our own PNG, read with ETag/304, replaced, deleted; scoped to the org. */
class AvatarTest extends IdentityIntegrationTest {

    private static final String PROBLEMS = "https://switchboard.dev/problems/";

    @Test
    void myImage_isStoredAsOurPng_readWithEtag_replaced_andDeleted() throws IOException {
        Org org = org();
        SignedInUser owner = org.owner();
        byte[] upload = TestImages.redBlue(800, 500, "png");

        String etag = put("/api/me/avatar", owner, MediaType.IMAGE_PNG, upload).expectStatus().isOk()
                .expectBody().returnResult().getResponseHeaders().getETag();
        assertThat(etag).matches("\"[0-9a-f]{32}\"");

        EntityExchangeResult<byte[]> read = get("/api/me/avatar", owner, null).expectStatus().isOk()
                .expectHeader().contentType(MediaType.IMAGE_PNG)
                .expectHeader().valueEquals(HttpHeaders.ETAG, etag)
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-cache, private")
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectBody(byte[].class).returnResult();
        assertThat(read.getResponseBody()).as("our encoding, not the upload").isNotEqualTo(upload);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(read.getResponseBody()));
        assertThat(image.getWidth()).isEqualTo(256);
        assertThat(image.getHeight()).isEqualTo(256);

        get("/api/me/avatar", owner, etag).expectStatus().isNotModified().expectBody().isEmpty();

        String replaced = put("/api/me/avatar", owner, MediaType.IMAGE_JPEG, TestImages.redBlue(300, 900, "jpeg")).expectStatus().isOk()
                .expectBody().returnResult().getResponseHeaders().getETag();
        assertThat(replaced).isNotEqualTo(etag);
        get("/api/me/avatar", owner, etag).expectStatus().isOk().expectHeader().valueEquals(HttpHeaders.ETAG, replaced);

        web.delete().uri("/api/me/avatar").header(HttpHeaders.AUTHORIZATION, owner.bearer()).exchange().expectStatus().isNoContent();
        get("/api/me/avatar", owner, null).expectStatus().isNotFound();
        web.delete().uri("/api/me/avatar").header(HttpHeaders.AUTHORIZATION, owner.bearer()).exchange().expectStatus().isNoContent();
    }

    @Test
    void anAdmin_setsAMembersImage_membersSeeIt_andAnotherOrgsMemberIs404() {
        Org org = org();
        SignedInUser agent = person("agent");
        join(org.id(), agent, "AGENT");
        Org other = org();
        SignedInUser stranger = person("stranger");
        join(other.id(), stranger, "AGENT");
        put("/api/me/avatar", stranger, MediaType.IMAGE_PNG, TestImages.redBlue(64, 64, "png")).expectStatus().isOk();

        String etag = put("/api/orgs/" + org.id() + "/users/" + agent.id() + "/avatar", org.owner(), MediaType.parseMediaType("image/webp"),
                TestImages.webp(false)).expectStatus().isOk()
                .expectBody().jsonPath("$.userId").isEqualTo(agent.id().toString())
                .returnResult().getResponseHeaders().getETag();
        get("/api/me/avatar", agent, null).expectStatus().isOk().expectHeader().valueEquals(HttpHeaders.ETAG, etag);
        get("/api/orgs/" + org.id() + "/members/" + agent.id() + "/avatar", org.owner(), null).expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ETAG, etag)
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "max-age=300, private");
        get("/api/orgs/" + org.id() + "/members/" + agent.id() + "/avatar", agent, etag).expectStatus().isNotModified();

        // someone who is not a member of this org: 404, though they have an image
        get("/api/orgs/" + org.id() + "/members/" + stranger.id() + "/avatar", org.owner(), null).expectStatus().isNotFound();
        put("/api/orgs/" + org.id() + "/users/" + stranger.id() + "/avatar", org.owner(), MediaType.IMAGE_PNG, TestImages.redBlue(32, 32, "png"))
                .expectStatus().isNotFound();
        web.delete().uri("/api/orgs/" + org.id() + "/users/" + stranger.id() + "/avatar").header(HttpHeaders.AUTHORIZATION, org.owner().bearer())
                .exchange().expectStatus().isNotFound();
        get("/api/me/avatar", stranger, null).expectStatus().isOk();
        // a caller from another org sees nothing of this one
        get("/api/orgs/" + org.id() + "/members/" + agent.id() + "/avatar", stranger, null).expectStatus().isNotFound();

        // an AGENT may not add users, so may not set anyone's image
        put("/api/orgs/" + org.id() + "/users/" + org.owner().id() + "/avatar", agent, MediaType.IMAGE_PNG, TestImages.redBlue(32, 32, "png"))
                .expectStatus().isForbidden();

        web.delete().uri("/api/orgs/" + org.id() + "/users/" + agent.id() + "/avatar").header(HttpHeaders.AUTHORIZATION, org.owner().bearer())
                .exchange().expectStatus().isNoContent();
        get("/api/orgs/" + org.id() + "/members/" + agent.id() + "/avatar", org.owner(), null).expectStatus().isNotFound();
    }

    @Test
    void someoneInTwoOrgs_managesTheirOwnImage_anAdminOfOneGets403_untilTheyLeaveTheOther() {
        Org first = org();
        Org second = org();
        SignedInUser person = person("both");
        join(first.id(), person, "AGENT");
        join(second.id(), person, "AGENT");
        String path = "/api/orgs/" + first.id() + "/users/" + person.id() + "/avatar";

        put(path, first.owner(), MediaType.IMAGE_PNG, TestImages.redBlue(32, 32, "png")).expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "avatar-managed-by-member");
        web.delete().uri(path).header(HttpHeaders.AUTHORIZATION, first.owner().bearer()).exchange().expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "avatar-managed-by-member");
        get("/api/me/avatar", person, null).expectStatus().isNotFound();

        // the person themselves may, by either path; both orgs see it
        String etag = put("/api/me/avatar", person, MediaType.IMAGE_PNG, TestImages.redBlue(64, 64, "png")).expectStatus().isOk()
                .expectBody().returnResult().getResponseHeaders().getETag();
        put(path, person, MediaType.IMAGE_PNG, TestImages.redBlue(48, 48, "png")).expectStatus().isForbidden(); // an AGENT may not add users
        get("/api/orgs/" + second.id() + "/members/" + person.id() + "/avatar", second.owner(), null).expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ETAG, etag);
        web.delete().uri(path).header(HttpHeaders.AUTHORIZATION, first.owner().bearer()).exchange().expectStatus().isForbidden();
        get("/api/me/avatar", person, null).expectStatus().isOk().expectHeader().valueEquals(HttpHeaders.ETAG, etag);

        // once removed from the second org, the first org's admin may again
        EVENTS.publish(EventCatalog.MEMBER_REMOVED, second.id(), new MemberRemoved(second.id(), person.id()));
        await().atMost(Duration.ofSeconds(20)).until(() -> memberships.find(second.id(), person.id())
                .filter(m -> m.status() == MembershipProjection.Status.REMOVED).isPresent());
        web.delete().uri(path).header(HttpHeaders.AUTHORIZATION, first.owner().bearer()).exchange().expectStatus().isNoContent();
        get("/api/me/avatar", person, null).expectStatus().isNotFound();
    }

    @Test
    void badUploads_areRefusedAsProblems_andStoreNothing() {
        Org org = org();
        SignedInUser owner = org.owner();
        put("/api/me/avatar", owner, MediaType.IMAGE_PNG, TestImages.pngBomb(50_000)).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "image-dimensions-too-large");
        put("/api/me/avatar", owner, MediaType.IMAGE_GIF, new byte[] {'G', 'I', 'F'}).expectStatus().isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "unsupported-image-type");
        put("/api/me/avatar", owner, MediaType.IMAGE_JPEG, new byte[AvatarTestSizes.OVER_LIMIT]).expectStatus().isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "image-too-large");
        put("/api/me/avatar", owner, MediaType.IMAGE_PNG, TestImages.redBlue(40, 40, "jpeg")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "invalid-image");
        put("/api/me/avatar", owner, MediaType.IMAGE_JPEG, TestImages.jpegWithScans(1000)).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "image-too-complex").jsonPath("$.maxScans").isEqualTo(32);
        put("/api/me/avatar", owner, MediaType.IMAGE_JPEG, TestImages.progressiveJpeg(2100, 2100)).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "image-too-complex").jsonPath("$.maxProgressiveWidth").isEqualTo(2048);
        get("/api/me/avatar", owner, null).expectStatus().isNotFound();
    }

    private static final class AvatarTestSizes {
        static final int OVER_LIMIT = 2 * 1024 * 1024 + 1;
    }

    private WebTestClient.ResponseSpec put(String path, SignedInUser as, MediaType type, byte[] body) {
        return web.put().uri(path).header(HttpHeaders.AUTHORIZATION, as.bearer()).contentType(type).bodyValue(body).exchange();
    }

    private WebTestClient.ResponseSpec get(String path, SignedInUser as, String ifNoneMatch) {
        var request = web.get().uri(path).header(HttpHeaders.AUTHORIZATION, as.bearer());
        if (ifNoneMatch != null) {
            request = request.header(HttpHeaders.IF_NONE_MATCH, ifNoneMatch);
        }
        return request.exchange();
    }
}
