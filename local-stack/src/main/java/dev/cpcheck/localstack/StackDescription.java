package dev.cpcheck.localstack;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What a running stack process says about itself once it is ready: where ClickHouse, S3, the
 * ClickPipes API and the control API answer (all on 127.0.0.1), and the stack's throwaway
 * credentials. The stack prints it as JSON after {@link #READY_PREFIX} on one line of its standard
 * output; {@link #toString()} masks the secrets.
 *
 * @param pid                the stack process's id
 * @param clickHouseUrl      ClickHouse's HTTP interface, e.g. {@code http://127.0.0.1:PORT}
 * @param clickHouseUser     ClickHouse user
 * @param clickHousePassword ClickHouse password, empty for none (secret)
 * @param clickHouseDatabase default database
 * @param clickHousePid      the ClickHouse child process's id, 0 for an external server
 * @param s3Url              the S3 endpoint (path-style)
 * @param s3Region           S3 signing region
 * @param s3AccessKey        S3 access key id
 * @param s3SecretKey        S3 secret key (secret)
 * @param apiBaseUrl         the ClickPipes API base URL, without {@code /v1}
 * @param organizationId     organization id the API accepts
 * @param serviceId          service id the API accepts
 * @param apiKeyId           API key id
 * @param apiKeySecret       API key secret (secret)
 * @param controlUrl         the control API's base URL
 * @param controlToken       bearer token of the control API (secret)
 * @param stateDirectory     the folder holding the stack's data
 * @param temporary          whether that folder goes when the stack stops
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StackDescription(
        long pid,
        String clickHouseUrl,
        String clickHouseUser,
        String clickHousePassword,
        String clickHouseDatabase,
        long clickHousePid,
        String s3Url,
        String s3Region,
        String s3AccessKey,
        String s3SecretKey,
        String apiBaseUrl,
        String organizationId,
        String serviceId,
        String apiKeyId,
        String apiKeySecret,
        String controlUrl,
        String controlToken,
        String stateDirectory,
        boolean temporary) {

    /** Start of the line the stack prints once it is ready, followed by this record as JSON. */
    public static final String READY_PREFIX = "CPCHECK_STACK_READY ";

    /** Never prints a secret. */
    @Override
    public String toString() {
        return "StackDescription[pid=" + pid + ", clickHouse=" + clickHouseUrl + ", s3=" + s3Url + ", api="
                + apiBaseUrl + ", control=" + controlUrl + ", state=" + stateDirectory
                + (temporary ? " (temporary)" : "") + "]";
    }
}
