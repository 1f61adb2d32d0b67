package io.switchboard.org.role;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import io.switchboard.org.StubTokens;
import io.switchboard.web.WebAutoConfiguration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;

@WebFluxTest(RoleController.class)
@ImportAutoConfiguration({WebAutoConfiguration.class, ReactiveWebSecurityAutoConfiguration.class})
@Import(StubTokens.class)
@SuppressWarnings("unchecked")
class RoleControllerTest {

    @Autowired WebTestClient web;
    @MockitoBean RoleService roles;

    @Test
    void catalog_namesTheHostProductsFeatures_andTheBuiltInRolesPerSeed004() {
        web.get().uri("/api/permissions").header("Authorization", "Bearer " + StubTokens.MEMBER).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.permissions").value(keys -> org.assertj.core.api.Assertions.assertThat((List<Object>) keys)
                        .contains("knowledge-base:read", "knowledge-base:write", "keywords:read", "keywords:write",
                                "appointment-types:read", "appointment-types:write", "webhooks:manage"))
                .jsonPath("$.builtInRoles.AGENT").value(keys -> org.assertj.core.api.Assertions.assertThat((List<Object>) keys)
                        .contains("conversations:reply", "campaigns:write").doesNotContain("contacts:write"))
                .jsonPath("$.builtInRoles.MANAGER").value(keys -> org.assertj.core.api.Assertions.assertThat((List<Object>) keys)
                        .contains("campaigns:write", "contacts:write", "keywords:write"));
    }

    @Test
    void roleWithoutName_isABadRequestNamingName() {
        web.post().uri("/api/orgs/{org}/roles", UUID.randomUUID()).header("Authorization", "Bearer " + StubTokens.MEMBER)
                .bodyValue(Map.of("permissions", List.of("contacts:read"))).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("name");
        verify(roles, never()).create(any(), any(), any());
    }
}
