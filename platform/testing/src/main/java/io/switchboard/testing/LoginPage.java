package io.switchboard.testing;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/** Keycloak's browser sign-in (authorization code + PKCE) driven over plain HTTP, for tests. */
final class LoginPage {

    private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");
    private static final Pattern CODE = Pattern.compile("[?&]code=([^&]+)");
    private static final SecureRandom RANDOM = new SecureRandom();

    private LoginPage() {
    }

    static JsonNode signIn(KeycloakServer keycloak, String username, String password) {
        HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        String verifier = randomUrlSafe();
        String authorize = keycloak.issuer() + "/protocol/openid-connect/auth?" + form(Map.of(
                "client_id", KeycloakServer.CLI_CLIENT,
                "response_type", "code",
                "scope", "openid",
                "redirect_uri", KeycloakServer.CLI_REDIRECT_URI,
                "state", randomUrlSafe(),
                "code_challenge", challenge(verifier),
                "code_challenge_method", "S256"));
        HttpResponse<String> page = send(browser, HttpRequest.newBuilder(URI.create(authorize)).build());
        Matcher action = FORM_ACTION.matcher(page.body());
        if (page.statusCode() != 200 || !action.find()) {
            throw new IllegalStateException("Keycloak's login page answered " + page.statusCode() + " without a login form");
        }
        // Keycloak marks its cookies Secure even on plain HTTP, where java.net.CookieManager would drop them
        String cookies = page.headers().allValues("Set-Cookie").stream()
                .map(cookie -> cookie.split(";", 2)[0])
                .collect(Collectors.joining("; "));
        HttpResponse<String> submitted = send(browser, HttpRequest.newBuilder(URI.create(action.group(1).replace("&amp;", "&")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", cookies)
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", username, "password", password, "credentialId", "")))).build());
        String location = submitted.headers().firstValue("Location").orElse("");
        Matcher code = CODE.matcher(location);
        if (submitted.statusCode() != 302 || !location.startsWith(KeycloakServer.CLI_REDIRECT_URI) || !code.find()) {
            throw new IllegalStateException("signing in " + username + " through the login page failed: " + submitted.statusCode());
        }
        return KeycloakServer.Http.postForm(keycloak.issuer() + "/protocol/openid-connect/token", Map.of(
                "grant_type", "authorization_code",
                "client_id", KeycloakServer.CLI_CLIENT,
                "code", URLDecoder.decode(code.group(1), StandardCharsets.UTF_8),
                "redirect_uri", KeycloakServer.CLI_REDIRECT_URI,
                "code_verifier", verifier));
    }

    private static HttpResponse<String> send(HttpClient browser, HttpRequest request) {
        try {
            return browser.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String randomUrlSafe() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
