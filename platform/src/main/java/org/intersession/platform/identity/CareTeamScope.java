package org.intersession.platform.identity;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.panache.common.Parameters;
import org.intersession.platform.security.Caller;
import org.intersession.platform.security.Role;
import org.intersession.platform.tenancy.Tenancy;

import java.util.List;
import java.util.UUID;

/**
 * What a caller may see of their clinic's client data: a client their own, a therapist the clients of their care team,
 * an admin or an API client all of the clinic's. The one place every service narrows by care team. The clinic itself is
 * the tenancy wall's ({@link Tenancy}): this narrows within it, and its plain SQL names the clinic as plain SQL must.
 * <p>
 * A service reads care teams from one relation, with {@code clientId}/{@code therapistId} attributes and
 * {@code client_id}/{@code therapist_id}/{@code clinic_id} columns: the replica of the gateway's links
 * ({@link #REPLICA}) in the services, the links themselves in the gateway.
 *
 * @param entity the care-team entity's name in HQL
 * @param table  its table, for plain SQL
 */
public record CareTeamScope(String entity, String table) {

    /** The care teams a service learned from identity events ({@link CareTeamMember}). */
    public static final CareTeamScope REPLICA = new CareTeamScope("CareTeamMember", "care_team_member");

    /**
     * HQL: narrows {@code <alias>} (an entity with a {@code clientId}) to what the caller may see, appending
     * {@code and ...} to {@code query} and its parameters to {@code params}.
     */
    public void narrow(Caller caller, String alias, StringBuilder query, Parameters params) {
        if (caller.is(Role.CLIENT)) {
            query.append(" and ").append(alias).append(".clientId = :caller");
            params.and("caller", caller.id());
        } else if (caller.is(Role.THERAPIST)) {
            query.append(" and exists (select 1 from ").append(entity).append(" ct where ct.clientId = ").append(alias)
                    .append(".clientId and ct.therapistId = :therapist)");
            params.and("therapist", caller.id());
        }
    }

    /**
     * Plain SQL: narrows rows of client data ({@code <alias>.client_id}, in a query already limited to the clinic) to
     * what the caller may see. Adds its parameters to {@code params}, the clinic among them.
     */
    public String narrowSql(Caller caller, String alias, List<Object> params) {
        if (caller.is(Role.CLIENT)) {
            params.add(caller.id());
            return " and " + alias + ".client_id = ?";
        }
        if (caller.is(Role.THERAPIST)) {
            params.add(caller.id());
            params.add(Tenancy.clinicId());
            return " and exists (select 1 from " + table + " ct where ct.client_id = " + alias + ".client_id"
                    + " and ct.therapist_id = ? and ct.clinic_id = ?)";
        }
        return "";
    }

    /** Whether the caller may see this client's data: their own, their care team's, or (admins, apps) the clinic's. */
    public boolean reaches(Caller caller, UUID clientId) {
        if (caller.is(Role.CLIENT)) {
            return caller.id().equals(clientId);
        }
        return !caller.is(Role.THERAPIST) || caresFor(caller.id(), clientId);
    }

    /** Whether the therapist is in the client's care team, in the current clinic. */
    public boolean caresFor(UUID therapistId, UUID clientId) {
        return Panache.getEntityManager().createQuery("select count(*) from " + entity
                        + " ct where ct.therapistId = :therapist and ct.clientId = :client", Long.class)
                .setParameter("therapist", therapistId).setParameter("client", clientId)
                .getSingleResult() > 0;
    }

    /** The clients in the therapist's care teams, in the current clinic. */
    public List<UUID> clientsOf(UUID therapistId) {
        return Panache.getEntityManager().createQuery("select ct.clientId from " + entity + " ct where ct.therapistId = :therapist",
                        UUID.class)
                .setParameter("therapist", therapistId).getResultList();
    }
}
