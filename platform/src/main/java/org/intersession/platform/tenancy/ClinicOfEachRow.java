package org.intersession.platform.tenancy;

import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.Interceptor;
import org.hibernate.annotations.TenantId;
import org.hibernate.type.Type;

import java.lang.reflect.Field;
import java.util.Arrays;

/**
 * Work across clinics ({@link Tenancy#acrossClinics}) writes each row into the clinic it names: Hibernate's root
 * tenant would otherwise give a new row without a clinic the root's own marker as its clinic, where no clinic would
 * ever see it again. Such an insert is refused before it reaches the database.
 */
@PersistenceUnitExtension
@ApplicationScoped
public class ClinicOfEachRow implements Interceptor {

    private static final ClassValue<String> TENANT_PROPERTY = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    if (field.isAnnotationPresent(TenantId.class)) {
                        return field.getName();
                    }
                }
            }
            return "";
        }
    };

    @Override
    public boolean onPersist(Object entity, Object id, Object[] state, String[] propertyNames, Type[] types) {
        if (Tenancy.isAcrossClinics()) {
            String tenant = TENANT_PROPERTY.get(entity.getClass());
            int index = tenant.isEmpty() ? -1 : Arrays.asList(propertyNames).indexOf(tenant);
            if (index >= 0 && (state[index] == null || Tenancy.ALL_CLINICS.equals(state[index]))) {
                throw new IllegalStateException("work across clinics names the clinic of each row it writes: "
                        + entity.getClass().getSimpleName() + "." + tenant + " is not set");
            }
        }
        return false;
    }
}
