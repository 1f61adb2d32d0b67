package io.switchboard.routing.leads;

import io.switchboard.routing.access.RoutingProblems;
import io.switchboard.routing.work.Dispatcher;
import io.switchboard.routing.work.Kind;
import io.switchboard.web.ProblemException;
import io.switchboard.web.ProblemTypes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/**
 * A lead to open, the same for HTTP and leads.inbound.v1, checked: portalId and clientId required, source 1..100
 * characters, externalId 1..200 (HTTP generates one when absent), contact fields bounded (contactName 200,
 * contactEmail 254, contactPhone 50, company 200, message 4000) and at least one of contactName, contactEmail,
 * contactPhone. Blank strings count as absent. Refusals are 400s naming every field at fault.
 */
record NewLead(UUID orgId, String externalId, UUID portalId, UUID teamId, UUID clientId, String source, Contact contact, Instant openedAt) {

    static final int MAX_EXTERNAL_ID = 200;
    static final int MAX_SOURCE = 100;
    static final int MAX_NAME = 200;
    static final int MAX_EMAIL = 254;
    static final int MAX_PHONE = 50;
    static final int MAX_COMPANY = 200;
    static final int MAX_MESSAGE = 4000;

    /** Who the lead is. */
    record Contact(String contactName, String contactEmail, String contactPhone, String company, String message) {
    }

    static NewLead checked(UUID orgId, String externalId, UUID portalId, UUID teamId, UUID clientId, String source, String contactName,
                           String contactEmail, String contactPhone, String company, String message, Instant openedAt) {
        List<Map<String, String>> errors = new ArrayList<>();
        if (portalId == null) {
            errors.add(error("portalId", "is required"));
        }
        if (clientId == null) {
            errors.add(error("clientId", "is required"));
        }
        String ext = blankToNull(externalId);
        if (ext == null || ext.length() > MAX_EXTERNAL_ID) {
            errors.add(error("externalId", "must be 1 to " + MAX_EXTERNAL_ID + " characters"));
        }
        String src = blankToNull(source);
        if (src == null || src.length() > MAX_SOURCE) {
            errors.add(error("source", "must be 1 to " + MAX_SOURCE + " characters"));
        }
        String name = bounded(errors, "contactName", contactName, MAX_NAME);
        String email = bounded(errors, "contactEmail", contactEmail, MAX_EMAIL);
        String phone = bounded(errors, "contactPhone", contactPhone, MAX_PHONE);
        String comp = bounded(errors, "company", company, MAX_COMPANY);
        String msg = bounded(errors, "message", message, MAX_MESSAGE);
        if (blankToNull(contactName) == null && blankToNull(contactEmail) == null && blankToNull(contactPhone) == null) {
            errors.add(error("contactName", "at least one of contactName, contactEmail, contactPhone is required"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "The request has invalid fields.", Map.of("errors", errors));
        }
        return new NewLead(orgId, ext, portalId, teamId, clientId, src, new Contact(name, email, phone, comp, msg), openedAt);
    }

    NewLead openedAt(java.time.Instant at) {
        return new NewLead(orgId, externalId, portalId, teamId, clientId, source, contact, at);
    }

    /** As the work item the dispatcher opens: channel LEAD, the organization's first status. */
    Dispatcher.NewWork work(String firstStatusId) {
        return new Dispatcher.NewWork(orgId, Kind.LEAD, externalId, portalId, teamId, clientId, Kind.LEAD_CHANNEL, contact.contactName(),
                null, openedAt, source, firstStatusId);
    }

    private static String bounded(List<Map<String, String>> errors, String field, String value, int max) {
        String text = blankToNull(value);
        if (text != null && text.length() > max) {
            errors.add(error(field, "must be at most " + max + " characters"));
        }
        return text;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static Map<String, String> error(String field, String message) {
        return Map.of("field", field, "message", message);
    }

    static ProblemException invalid(String field, String message) {
        return RoutingProblems.invalid(field, message);
    }
}
