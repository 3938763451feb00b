/**
 * Request and response records of the ClickHouse Cloud ClickPipes API, with the JSON names of
 * the official OpenAPI spec.
 *
 * <p>The records are plain Jackson-annotated data and work on both sides of the wire: the client
 * serializes requests and reads responses, and a server (such as cpcheck's emulator) can read the
 * same requests and write the same responses with {@link dev.cpcheck.clickpipes.ClickPipesJson#mapper()}.
 * Every record survives a JSON round trip unchanged.
 *
 * <p>Parsing is lenient where the real API is: unknown fields are ignored, unknown enum values
 * become {@code UNKNOWN}, {@code "MergeTree()"} reads as {@code MergeTree}, and scaling values
 * such as {@code "250m"} or {@code "1Gi"} read as numbers.
 *
 * <p>Secrets (S3 secret keys, connection strings, service account keys) appear only in request
 * records; they are serialized because the server needs them, and masked in {@code toString()}.
 */
package dev.cpcheck.clickpipes.model;
