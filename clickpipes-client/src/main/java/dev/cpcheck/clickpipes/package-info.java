/**
 * Typed client for the ClickPipes part of the ClickHouse Cloud API: create, inspect, stop and
 * start ClickPipes, read and change their settings and scaling, and wake the service behind them.
 *
 * <pre>{@code
 * try (ClickPipesClient client = ClickPipesClient.builder()
 *     .organizationId(orgId).serviceId(serviceId)
 *     .apiKeyId(keyId).apiKeySecret(keySecret)
 *     .build()) {
 *   ClickPipe pipe = client.create(ClickPipeCreateRequest.builder()
 *       .name("cpcheck-run-42")
 *       .source(ClickPipeCreateObjectStorageSource.builder()
 *           .type(ObjectStorageType.S3).format(ObjectStorageFormat.JSON_EACH_ROW)
 *           .url("https://bucket.s3.amazonaws.com/run-42/**.ndjson").isContinuous(true)
 *           .accessKey(s3KeyId, s3Secret).build())
 *       .destination(ClickPipeDestination.builder()
 *           .database("default").table("events").managedTable(false).columns(columns).build())
 *       .fieldMappings(mappings)
 *       .build());
 *   client.waiter().untilState(pipe.id(), ClickPipeState.RUNNING);
 *   client.stop(pipe.id());
 *   client.waiter().untilState(pipe.id(), Set.of(ClickPipeState.STOPPED),
 *       WaiterConfig.custom().timeout(Duration.ofMinutes(5)).build());
 * } catch (ClickPipeStateConflictException e) {
 *   // e.g. "ClickPipe is already running"
 * }
 * }</pre>
 *
 * <p>Entry points: {@link dev.cpcheck.clickpipes.ClickPipesClient} (operations and builder),
 * {@link dev.cpcheck.clickpipes.ClickPipeWaiter} (waiting for states),
 * {@link dev.cpcheck.clickpipes.ClickPipesRetryListener} (retries as they happen),
 * {@link dev.cpcheck.clickpipes.ClickPipesJson} (the JSON mapping, also for servers), and the
 * exception tree under {@link dev.cpcheck.clickpipes.ClickPipesException}. Request and response
 * records are in {@link dev.cpcheck.clickpipes.model}.
 *
 * <p>Resilience: a sliding-window client-side rate limiter (10 requests per 10 s by default),
 * retries of 429 (honouring {@code X-RateLimit-Reset} / {@code Retry-After}), 5xx, timeouts and
 * dropped connections with exponential backoff and jitter within a time budget, each reported to
 * the retry listener; no retry of a request that never reached the service (connection refused,
 * unknown host: {@link dev.cpcheck.clickpipes.ClickPipesUnreachableException} at once); safe
 * retries of create, start, stop and delete after an attempt with unknown outcome; and optional
 * waking of an idle service (state command {@code awake}) on 424.
 */
package dev.cpcheck.clickpipes;
