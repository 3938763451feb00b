/**
 * The offline stand-in for ClickHouse Cloud that cpcheck runs against by default, and the test bed
 * of its other modules: a real ClickHouse, a real S3-compatible store and a ClickPipes emulator.
 *
 * <h2>Pieces</h2>
 * <ul>
 *   <li>{@link dev.cpcheck.emulator.LocalStack}: all three wired together, one
 *       {@code AutoCloseable}; exposes {@link dev.cpcheck.emulator.ClickHouseEndpoint},
 *       {@link dev.cpcheck.emulator.S3Endpoint}, {@link dev.cpcheck.emulator.ClickPipesEndpoint}
 *       and the {@link dev.cpcheck.emulator.ClickPipesEmulator} handle.</li>
 *   <li>{@link dev.cpcheck.emulator.EmbeddedClickHouse}: ClickHouse 26.7 (chdb, resolved by
 *       {@link dev.cpcheck.emulator.ChdbLibrary}) in a child JVM on 127.0.0.1; code that needs
 *       ClickHouse takes a {@link dev.cpcheck.emulator.ClickHouseEndpoint}, embedded or external.</li>
 *   <li>{@link dev.cpcheck.emulator.EmbeddedS3}: S3Proxy in this JVM, in memory or on disk.</li>
 *   <li>{@link dev.cpcheck.emulator.ClickPipesEmulator}: the ClickPipes API under {@code /v1}
 *       with real ingestion, {@link dev.cpcheck.emulator.FaultMode fault modes} and API faults;
 *       requests are checked against {@link dev.cpcheck.emulator.ClickPipesApiSpec the official
 *       spec} and the live service's rules;
 *       {@link dev.cpcheck.emulator.EmulatorMain} runs it as a process of its own.</li>
 * </ul>
 *
 * <pre>{@code
 * try (LocalStack stack = LocalStack.builder().faultMode(FaultMode.NONE).start()) {
 *     stack.s3().createBucket("cpcheck-data");
 *     // write files, create the destination table, create a ClickPipe through stack.clickPipes()
 * }
 * }</pre>
 *
 * <h2>State folder of the emulator</h2>
 * <pre>
 * emulator.json            organization, service, API key (a restart accepts the same key)
 * emulator.lock            held while an emulator runs on the folder
 * pipes/&lt;id&gt;/pipe.json        configuration, credentials included
 * pipes/&lt;id&gt;/status.json      state, due transition, own fault mode, pending resume fault, last error
 * pipes/&lt;id&gt;/checkpoint.json  greatest ingested key, batch sequence, last batch, counters
 * pipes/&lt;id&gt;/pending-batch.json  batch written ahead of its ingestion and its phase (absent when idle)
 * </pre>
 * In ClickHouse, next to each destination table: {@code s3_clickpipe_<pipe id>_archive} (files
 * ingested), {@code s3_clickpipe_<pipe id>_staging_<batch>} (while a batch is in flight) and
 * {@code <table>_clickpipes_error} (after the first error).
 * A persistent {@link dev.cpcheck.emulator.LocalStack} keeps {@code clickhouse/},
 * {@code clickhouse.log}, {@code s3/}, {@code clickpipes/} (the folder above) and
 * {@code localstack.json} (S3 port and credentials) under its state folder.
 *
 * <p>Implementation classes live in {@code dev.cpcheck.emulator.internal} and are not API.
 */
package dev.cpcheck.emulator;
