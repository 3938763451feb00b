/**
 * cpcheck's S3 source: deterministic fixture files, their concurrent streamed upload with one
 * manifest entry per file (the ground truth the checks compare the destination with), guarded
 * cleanup, and the {@code s3} {@link dev.cpcheck.core.spi.SourceProvider}.
 *
 * <ul>
 *   <li>{@link dev.cpcheck.s3.Fixtures}: key layout, file plans and row values, no I/O.</li>
 *   <li>{@link dev.cpcheck.s3.S3Settings}: bucket, prefix, endpoint, credentials, upload tuning.</li>
 *   <li>{@link dev.cpcheck.s3.S3Fixture}: writes, lists and deletes a run's files; the pipe's source.</li>
 *   <li>{@link dev.cpcheck.s3.S3SourceProvider}: the {@code s3} provider found by {@code ServiceLoader}.</li>
 * </ul>
 */
package dev.cpcheck.s3;
