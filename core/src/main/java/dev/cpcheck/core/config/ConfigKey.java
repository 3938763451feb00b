package dev.cpcheck.core.config;

import java.util.Arrays;
import java.util.Optional;

/** Every setting cpcheck reads, by its environment variable name. */
public enum ConfigKey {
    AWS_ACCESS_KEY_ID(
            "AWS access key id used to write fixtures and, for the pipe, to read them (IAM_USER).",
            false,
            null,
            "--aws-access-key-id"),
    AWS_SECRET_ACCESS_KEY("AWS secret access key paired with AWS_ACCESS_KEY_ID.", true, null, null),
    AWS_REGION("Region of the bucket.", false, "us-east-1", "--aws-region"),
    AWS_PROFILE(
            "Named AWS profile to use instead of access keys (fixtures only; the pipe needs keys or a role).",
            false,
            null,
            "--aws-profile"),
    S3_BUCKET("Bucket the fixture files are written to.", false, null, "--s3-bucket"),
    S3_PREFIX("Prefix under which each run writes <prefix>/<run id>/.", false, "cpcheck", "--s3-prefix"),
    S3_ENDPOINT("Endpoint of an S3-compatible store (path-style); empty for AWS.", false, null, "--s3-endpoint"),
    S3_ROLE_ARN(
            "IAM role the pipe assumes to read the bucket (IAM_ROLE) instead of access keys.",
            false,
            null,
            "--s3-role-arn"),
    CLICKHOUSE_ORG_ID("ClickHouse Cloud organization id.", false, null, "--org-id"),
    CLICKHOUSE_SERVICE_ID("ClickHouse Cloud service id.", false, null, "--service-id"),
    CLICKHOUSE_API_KEY_ID("ClickHouse Cloud API key id.", false, null, "--api-key-id"),
    CLICKHOUSE_API_KEY_SECRET("ClickHouse Cloud API key secret.", true, null, null),
    CLICKHOUSE_API_URL("ClickHouse Cloud API base URL.", false, "https://api.clickhouse.cloud", "--api-url"),
    CLICKHOUSE_HOST("Host of the ClickHouse service (HTTPS interface).", false, null, "--clickhouse-host"),
    CLICKHOUSE_PORT("HTTP(S) port of the ClickHouse service.", false, "8443", "--clickhouse-port"),
    CLICKHOUSE_USER("ClickHouse user.", false, "default", "--clickhouse-user"),
    CLICKHOUSE_PASSWORD("ClickHouse password.", true, null, null),
    CLICKHOUSE_DATABASE("Database of the destination table.", false, "default", "--clickhouse-database"),
    CLICKHOUSE_SECURE(
            "Reach ClickHouse over HTTPS (true for ClickHouse Cloud; false for a plain-HTTP server or proxy).",
            false,
            "true",
            "--clickhouse-secure"),
    CLICKPIPE_MANAGED_TABLE(
            "Let ClickPipes create the destination table (managedTable: true, MergeTree ordered by file_id, row_id)"
                    + " instead of creating it before the pipe (true or false).",
            false,
            "false",
            "--managed-table");

    /** Keys that only the commands creating a pipe ({@code run}, {@code pipe create}) take as flags. */
    public static final java.util.Set<ConfigKey> PIPE_CREATION = java.util.EnumSet.of(CLICKPIPE_MANAGED_TABLE);

    private final String description;
    private final boolean secret;
    private final String defaultValue;
    private final String flag;

    ConfigKey(String description, boolean secret, String defaultValue, String flag) {
        this.description = description;
        this.secret = secret;
        this.defaultValue = defaultValue;
        this.flag = flag;
    }

    public String description() {
        return description;
    }

    /** Secret values are masked everywhere they are shown and never given as flags. */
    public boolean secret() {
        return secret;
    }

    public Optional<String> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    /** The CLI flag for it, if there is one (secrets have none: they do not belong in shell history). */
    public Optional<String> flag() {
        return Optional.ofNullable(flag);
    }

    /** How to set it, for error messages. */
    public String howToSet() {
        return "set " + name() + " in the environment or the .env file" + (flag == null ? "" : ", or pass " + flag);
    }

    public static Optional<ConfigKey> byName(String name) {
        return Arrays.stream(values()).filter(k -> k.name().equals(name)).findFirst();
    }
}
