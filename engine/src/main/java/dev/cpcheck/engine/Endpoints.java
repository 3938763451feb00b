package dev.cpcheck.engine;

import dev.cpcheck.core.config.Mode;

/**
 * Where an engine's parts are. No secrets: safe to print.
 *
 * @param mode          local or cloud
 * @param clickHouseUrl the ClickHouse HTTP(S) URL
 * @param database      the destination database
 * @param clickPipesApi the ClickPipes API base URL (the emulator's locally)
 * @param s3Endpoint    the S3 endpoint, or {@code null} for AWS
 * @param bucket        the fixture bucket
 */
public record Endpoints(
        Mode mode, String clickHouseUrl, String database, String clickPipesApi, String s3Endpoint, String bucket) {}
