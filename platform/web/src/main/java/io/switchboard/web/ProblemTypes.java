package io.switchboard.web;

import java.net.URI;

/** Stable RFC 9457 problem types; clients switch on these, never on the wording of a detail. */
public final class ProblemTypes {

    public static final String BASE = "https://switchboard.dev/problems/";
    public static final URI UNAUTHORIZED = of("unauthorized");
    public static final URI FORBIDDEN = of("forbidden");
    public static final URI VALIDATION = of("validation");
    public static final URI BAD_REQUEST = of("bad-request");
    public static final URI NOT_FOUND = of("not-found");
    public static final URI CONFLICT = of("conflict");

    public static URI of(String name) {
        return URI.create(BASE + name);
    }

    private ProblemTypes() {
    }
}
