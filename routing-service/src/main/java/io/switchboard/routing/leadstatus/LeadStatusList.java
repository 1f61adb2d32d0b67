package io.switchboard.routing.leadstatus;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.routing.LeadStatusesUpdated;
import io.switchboard.messaging.change.AuditEntry;
import io.switchboard.messaging.change.Change;
import io.switchboard.messaging.change.PendingEvent;
import io.switchboard.web.ProblemException;
import io.switchboard.web.ProblemTypes;
import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/**
 * An organization's lead statuses, in order, and the rules of replacing them:
 * <ul>
 *   <li>1 to 20 statuses; names 1 to 50 characters, unique ignoring case; outcomes OPEN, WON or LOST;</li>
 *   <li>the first status is OPEN (new leads get it); at least one WON and one LOST;</li>
 *   <li>a status given with an {@code id} keeps it (a rename); its outcome cannot change (add a new status
 *       instead); a status without one gets a slug of its name (unique: "-2", "-3" appended);</li>
 *   <li>a removed status that leads still have needs a move to a status of the new list with the same outcome
 *       (so that moving never opens or closes a lead); without one: 409 naming it and how many leads have it.</li>
 * </ul>
 */
public record LeadStatusList(List<LeadStatus> statuses) {

    public static final int MAX_STATUSES = 20;
    public static final int MAX_NAME = 50;

    public static final LeadStatusList DEFAULT = new LeadStatusList(List.of(
            new LeadStatus("new", "New", LeadOutcome.OPEN),
            new LeadStatus("contacted", "Contacted", LeadOutcome.OPEN),
            new LeadStatus("qualified", "Qualified", LeadOutcome.OPEN),
            new LeadStatus("won", "Won", LeadOutcome.WON),
            new LeadStatus("lost", "Lost", LeadOutcome.LOST)));

    public LeadStatusList {
        statuses = List.copyOf(statuses);
    }

    /** One status as a PUT gives it: {@code id} absent for a new one. */
    public record Wanted(String id, String name, String outcome) {
    }

    /** One field at fault. */
    record FieldError(String field, String message) {
    }

    /** The status new leads get. */
    public LeadStatus first() {
        return statuses.get(0);
    }

    public Optional<LeadStatus> find(String id) {
        return statuses.stream().filter(status -> status.id().equals(id)).findFirst();
    }

    public List<String> ids() {
        return statuses.stream().map(LeadStatus::id).toList();
    }

    /** The status {@code id}, or 400 naming {@code field} and the allowed ids. */
    public LeadStatus require(String field, String id) {
        return find(id).orElseThrow(() -> new ProblemException(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION,
                "The request has invalid fields. Allowed status ids: " + String.join(", ", ids()) + ".",
                Map.of("errors", List.of(Map.of("field", field, "message", "must be one of " + ids())), "allowedStatusIds", ids())));
    }

    /** The list a PUT asks for, replacing this one; 400 naming every field at fault. */
    public LeadStatusList replacedBy(List<Wanted> wanted) {
        List<FieldError> errors = new ArrayList<>();
        if (wanted == null || wanted.isEmpty() || wanted.size() > MAX_STATUSES) {
            throw invalid(List.of(new FieldError("statuses", "must have 1 to " + MAX_STATUSES + " statuses"))); 
        }
        Set<String> names = new HashSet<>();
        Set<String> keptIds = new HashSet<>();
        for (int i = 0; i < wanted.size(); i++) {
            Wanted status = wanted.get(i);
            String at = "statuses[" + i + "]";
            if (status == null) {
                errors.add(new FieldError(at, "is required"));
                continue;
            }
            String name = status.name() == null ? "" : status.name().strip();
            if (name.isEmpty() || name.length() > MAX_NAME) {
                errors.add(new FieldError(at + ".name", "must be 1 to " + MAX_NAME + " characters"));
            } else if (!names.add(name.toLowerCase(Locale.ROOT))) {
                errors.add(new FieldError(at + ".name", "is used by another status (names are unique ignoring case)"));
            }
            LeadOutcome outcome = outcome(status.outcome());
            if (outcome == null) {
                errors.add(new FieldError(at + ".outcome", "must be one of OPEN, WON, LOST"));
            }
            if (status.id() != null) {
                Optional<LeadStatus> existing = find(status.id());
                if (existing.isEmpty()) {
                    errors.add(new FieldError(at + ".id", "is not a status of this organization (leave it out for a new status)"));
                } else if (!keptIds.add(status.id())) {
                    errors.add(new FieldError(at + ".id", "is given twice"));
                } else if (outcome != null && existing.get().outcome() != outcome) {
                    errors.add(new FieldError(at + ".outcome", "cannot change (was " + existing.get().outcome() + "); add a new status instead"));
                }
            }
        }
        if (errors.isEmpty()) {
            if (outcome(wanted.get(0).outcome()) != LeadOutcome.OPEN) {
                errors.add(new FieldError("statuses[0].outcome", "must be OPEN: new leads get the first status"));
            }
            if (wanted.stream().noneMatch(status -> outcome(status.outcome()) == LeadOutcome.WON)) {
                errors.add(new FieldError("statuses", "must have a WON status"));
            }
            if (wanted.stream().noneMatch(status -> outcome(status.outcome()) == LeadOutcome.LOST)) {
                errors.add(new FieldError("statuses", "must have a LOST status"));
            }
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        Set<String> taken = new HashSet<>(ids());
        List<LeadStatus> result = new ArrayList<>();
        for (Wanted status : wanted) {
            String name = status.name().strip();
            String id = status.id() != null ? status.id() : unique(slug(name), taken);
            taken.add(id);
            result.add(new LeadStatus(id, name, outcome(status.outcome())));
        }
        return new LeadStatusList(result);
    }

    /** The statuses of this list that {@code next} no longer has. */
    public List<LeadStatus> removedIn(LeadStatusList next) {
        return statuses.stream().filter(status -> next.find(status.id()).isEmpty()).toList();
    }

    /**
     * The moves a PUT asks for, checked against the removed statuses and the leads they still have
     * ({@code inUse}: status id -> open or closed leads with it): each key a removed status, each target a status
     * of {@code next} with the same outcome; a removed status in use without a move is a 409 naming it.
     */
    public Map<String, String> checkedMoves(LeadStatusList next, Map<String, String> moves, Map<String, Integer> inUse) {
        Map<String, String> given = moves == null ? Map.of() : moves;
        List<FieldError> errors = new ArrayList<>();
        List<LeadStatus> removed = removedIn(next);
        given.forEach((from, to) -> {
            Optional<LeadStatus> gone = removed.stream().filter(status -> status.id().equals(from)).findFirst();
            if (gone.isEmpty()) {
                errors.add(new FieldError("moves." + from, "is not a status this change removes"));
                return;
            }
            Optional<LeadStatus> target = next.find(to);
            if (target.isEmpty()) {
                errors.add(new FieldError("moves." + from, "must name a status of the new list; one of " + next.ids()));
            } else if (target.get().outcome() != gone.get().outcome()) {
                errors.add(new FieldError("moves." + from, "must name a status with the same outcome (" + gone.get().outcome() + ")"));
            }
        });
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        Map<String, String> result = new LinkedHashMap<>();
        for (LeadStatus status : removed) {
            int leads = inUse.getOrDefault(status.id(), 0);
            if (given.containsKey(status.id())) {
                if (leads > 0) {
                    result.put(status.id(), given.get(status.id()));
                }
            } else if (leads > 0) {
                throw new ProblemException(HttpStatus.CONFLICT, ProblemTypes.of("lead-status-in-use"),
                        "Status " + status.id() + " (" + status.name() + ") still has " + leads + " lead(s); say where they go in moves.",
                        Map.of("errors", List.of(Map.of("field", "moves." + status.id(), "message", "is required: " + leads + " lead(s) have this status")),
                                "statusId", status.id(), "leads", leads));
            }
        }
        return result;
    }

    /**
     * This list replacing {@code before}: the {@code routing.lead-statuses.updated} event (with the moves and how
     * many leads each moved) and an audit line; nothing when neither the list changed nor anything moved.
     */
    public Change<LeadStatusList> replacing(LeadStatusList before, Map<String, String> moves, Map<String, Integer> inUse, UUID orgId, UUID by,
                                            Instant at) {
        if (equals(before) && moves.isEmpty()) {
            return Change.none(this);
        }
        List<LeadStatusesUpdated.Move> moved = moves.entrySet().stream()
                .map(move -> new LeadStatusesUpdated.Move(move.getKey(), move.getValue(), inUse.getOrDefault(move.getKey(), 0))).toList();
        return Change.of(this,
                PendingEvent.of(EventCatalog.ROUTING_LEAD_STATUSES_UPDATED, new LeadStatusesUpdated(orgId,
                        statuses.stream().map(status -> new LeadStatusesUpdated.Status(status.id(), status.name(), status.outcome().name())).toList(),
                        moved, by, at)),
                new AuditEntry("routing.lead-statuses.updated", "org:" + orgId, AuditEntry.fields("statuses", before.auditState()),
                        AuditEntry.fields("statuses", auditState(), "moves", moves)));
    }

    private List<Map<String, Object>> auditState() {
        return statuses.stream().map(status -> AuditEntry.fields("id", status.id(), "name", status.name(), "outcome", status.outcome().name())).toList();
    }

    /** A status id from a name: lower case ASCII letters and digits, other runs as "-" ("Demo booked" -> "demo-booked"). */
    static String slug(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > 40) {
            slug = slug.substring(0, 40).replaceAll("-+$", "");
        }
        return slug.isEmpty() ? "status" : slug;
    }

    private static String unique(String slug, Set<String> taken) {
        String id = slug;
        for (int n = 2; taken.contains(id); n++) {
            id = slug + "-" + n;
        }
        return id;
    }

    private static LeadOutcome outcome(String text) {
        if (text == null) {
            return null;
        }
        try {
            return LeadOutcome.valueOf(text);
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    private static ProblemException invalid(List<FieldError> errors) {
        return new ProblemException(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "The request has invalid fields.",
                Map.of("errors", errors.stream().map(error -> Map.of("field", error.field(), "message", error.message())).toList()));
    }
}
