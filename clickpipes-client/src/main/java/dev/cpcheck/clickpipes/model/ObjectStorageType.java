package dev.cpcheck.clickpipes.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.cpcheck.clickpipes.internal.SpecEnums;

/**
 * Kind of object storage a ClickPipe reads ({@code source.objectStorage.type}).
 *
 * <p>Values this version does not know parse to {@link #UNKNOWN} instead of failing.
 */
public enum ObjectStorageType {
    S3("s3"),
    GCS("gcs"),
    DIGITALOCEAN_SPACES("dospaces"),
    AZURE_BLOB_STORAGE("azureblobstorage"),
    CLOUDFLARE_R2("cloudflarer2"),
    OVH_OBJECT_STORAGE("ovhobjectstorage"),
    /** A value this version of the client does not know. */
    UNKNOWN("unknown");

    private final String value;

    ObjectStorageType(String value) {
        this.value = value;
    }

    /** The value as written in JSON, exactly as in the API spec. */
    @JsonValue
    public String value() {
        return value;
    }

    /** Parses a JSON value; unknown values give {@link #UNKNOWN}, {@code null} gives {@code null}. */
    @JsonCreator
    public static ObjectStorageType fromValue(String value) {
        return SpecEnums.fromValue(values(), ObjectStorageType::value, value, UNKNOWN);
    }

    @Override
    public String toString() {
        return value;
    }
}
