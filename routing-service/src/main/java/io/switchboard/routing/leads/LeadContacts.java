package io.switchboard.routing.leads;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The repository of leads' contacts (lead_contacts); the rest of a lead is its work item. */
@Component
class LeadContacts {

    private final DatabaseClient db;

    LeadContacts(DatabaseClient db) {
        this.db = db;
    }

    Mono<Void> insert(UUID orgId, UUID workId, NewLead.Contact contact) {
        var sql = db.sql("insert into lead_contacts (work_id, org_id, contact_name, contact_email, contact_phone, company, message) "
                        + "values (:work, :org, :name, :email, :phone, :company, :message)")
                .bind("work", workId).bind("org", orgId);
        sql = bind(sql, "name", contact.contactName());
        sql = bind(sql, "email", contact.contactEmail());
        sql = bind(sql, "phone", contact.contactPhone());
        sql = bind(sql, "company", contact.company());
        sql = bind(sql, "message", contact.message());
        return sql.fetch().rowsUpdated().then();
    }

    Mono<NewLead.Contact> find(UUID orgId, UUID workId) {
        return db.sql("select contact_name, contact_email, contact_phone, company, message from lead_contacts where org_id = :org and work_id = :work")
                .bind("org", orgId).bind("work", workId)
                .map(row -> new NewLead.Contact(row.get("contact_name", String.class), row.get("contact_email", String.class),
                        row.get("contact_phone", String.class), row.get("company", String.class), row.get("message", String.class)))
                .one()
                .defaultIfEmpty(new NewLead.Contact(null, null, null, null, null));
    }

    /** The contacts of several leads in one query, by lead id (a page of a portal's leads). */
    Mono<Map<UUID, NewLead.Contact>> findAll(UUID orgId, Collection<UUID> workIds) {
        if (workIds.isEmpty()) {
            return Mono.just(Map.of());
        }
        return db.sql("select work_id, contact_name, contact_email, contact_phone, company, message from lead_contacts "
                        + "where org_id = :org and work_id = any(:works)")
                .bind("org", orgId).bind("works", workIds.toArray(UUID[]::new))
                .map(row -> Map.entry(row.get("work_id", UUID.class), new NewLead.Contact(row.get("contact_name", String.class),
                        row.get("contact_email", String.class), row.get("contact_phone", String.class), row.get("company", String.class),
                        row.get("message", String.class))))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    private static DatabaseClient.GenericExecuteSpec bind(DatabaseClient.GenericExecuteSpec sql, String name, String value) {
        return value == null ? sql.bindNull(name, String.class) : sql.bind(name, value);
    }
}
