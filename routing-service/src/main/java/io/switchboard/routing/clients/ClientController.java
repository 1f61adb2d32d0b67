package io.switchboard.routing.clients;

import io.switchboard.web.Caller;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** An organization's clients. */
@RestController
class ClientController {

    private final ClientService clients;

    ClientController(ClientService clients) {
        this.clients = clients;
    }

    @GetMapping("/api/orgs/{orgId}/clients")
    Mono<List<ClientView>> list(@PathVariable UUID orgId, @AuthenticationPrincipal Jwt token) {
        return clients.list(orgId, Caller.from(token)).collectList();
    }

    @PostMapping("/api/orgs/{orgId}/clients")
    Mono<ResponseEntity<ClientView>> create(@PathVariable UUID orgId, @Valid @RequestBody CreateClientRequest request,
                                            @AuthenticationPrincipal Jwt token) {
        return clients.create(orgId, Caller.from(token), request)
                .map(client -> ResponseEntity.created(URI.create("/api/orgs/" + orgId + "/clients/" + client.id())).body(client));
    }

    @GetMapping("/api/orgs/{orgId}/clients/{clientId}")
    Mono<ClientView> get(@PathVariable UUID orgId, @PathVariable UUID clientId, @AuthenticationPrincipal Jwt token) {
        return clients.get(orgId, clientId, Caller.from(token));
    }

    @PatchMapping("/api/orgs/{orgId}/clients/{clientId}")
    Mono<ClientView> update(@PathVariable UUID orgId, @PathVariable UUID clientId, @Valid @RequestBody UpdateClientRequest request,
                            @AuthenticationPrincipal Jwt token) {
        return clients.update(orgId, clientId, Caller.from(token), request);
    }

    @DeleteMapping("/api/orgs/{orgId}/clients/{clientId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> delete(@PathVariable UUID orgId, @PathVariable UUID clientId, @AuthenticationPrincipal Jwt token) {
        return clients.delete(orgId, clientId, Caller.from(token));
    }
}
