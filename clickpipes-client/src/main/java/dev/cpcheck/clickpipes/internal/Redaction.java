package dev.cpcheck.clickpipes.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Set;

/** Renders secret values in {@code toString()} output without revealing them. */
public final class Redaction {

    /** What a present secret looks like in {@code toString()} output. */
    public static final String MASK = "****";

    /** Record components that hold secrets in ClickPipes requests (the spec's field names). */
    private static final Set<String> SECRET_COMPONENTS =
            Set.of("secretKey", "connectionString", "serviceAccountKey", "password");

    private Redaction() {}

    /** {@code "****"} for a present value, {@code "null"} for an absent one. */
    public static String mask(Object secret) {
        return secret == null ? "null" : MASK;
    }

    /**
     * A record's default {@code toString()} form, {@code Name[a=1, b=2]}, with the values of
     * secret components masked.
     */
    public static String toString(Record record) {
        StringBuilder sb = new StringBuilder(record.getClass().getSimpleName()).append('[');
        RecordComponent[] components = record.getClass().getRecordComponents();
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            Object value;
            try {
                value = c.getAccessor().invoke(record);
            } catch (IllegalAccessException | InvocationTargetException e) {
                value = "?";
            }
            sb.append(i == 0 ? "" : ", ")
                    .append(c.getName())
                    .append('=')
                    .append(SECRET_COMPONENTS.contains(c.getName()) ? mask(value) : value);
        }
        return sb.append(']').toString();
    }
}
