package dev.cpcheck.localstack;

/**
 * The stack process's control API: plain JSON over HTTP on 127.0.0.1, every request with
 * {@code Authorization: Bearer <controlToken>} (the token is in the {@link StackDescription}).
 * Both sides use these paths; {@link LocalStackProcess} is the client.
 *
 * <table>
 *   <caption>Routes</caption>
 *   <tr><td>{@code GET /stack}</td><td>the {@link StackDescription}</td></tr>
 *   <tr><td>{@code GET|PUT /faults}</td><td>the emulator-wide fault mode and API faults:
 *       {@code faultMode}, {@code throttleNextRequests}, {@code throttleResetSeconds},
 *       {@code serverErrorEveryNthRequest}, {@code serverErrorsOnNextRequests},
 *       {@code stateTransitionDelayMs}, {@code provisioningDelayMs}, {@code serviceState},
 *       {@code delayAnswers} ({@code {"method", "count", "delayMs"}}: the answers of the next
 *       requests with that method are sent late), {@code moveDelayMs} (the emulator's pause between
 *       a batch's staging insert and its move), {@code s3SlowDownNextWrites} (S3 writes answered
 *       503 SlowDown)</td></tr>
 *   <tr><td>{@code GET /pipes}, {@code GET /pipes/{id}}</td><td>{@link EmulatedPipeState}s</td></tr>
 *   <tr><td>{@code PUT|DELETE /pipes/{id}/fault-mode}</td><td>a pipe's own fault mode
 *       ({@code {"faultMode": id}}), or back to the emulator-wide one</td></tr>
 *   <tr><td>{@code POST /buckets}</td><td>creates the bucket {@code {"name": ...}} if missing</td></tr>
 *   <tr><td>{@code POST /emulator/stop|kill|start|restart}</td><td>the ClickPipes emulator goes away
 *       (its API refuses connections, its workers stop; {@code kill} cuts a batch off mid-way as a
 *       crash would) and comes back from its state folder on the same port</td></tr>
 *   <tr><td>{@code POST /clickhouse/restart}</td><td>kills the ClickHouse child process and
 *       starts it again on the same data folder and port</td></tr>
 *   <tr><td>{@code POST /sqs/queues}</td><td>starts the stack's SQS server if it is not running,
 *       creates a queue and routes the S3 event notifications of a bucket and prefix to it:
 *       {@code {"name", "bucket", "prefix", "retentionSeconds", "visibilityTimeoutSeconds",
 *       "duplicateEvents", "redeliverAfterMs"}}; answers {@code {"queueUrl", "endpoint", "region",
 *       "retentionSeconds", "visibilityTimeoutSeconds"}}</td></tr>
 *   <tr><td>{@code DELETE /sqs/queues/{name}}</td><td>removes the notification and the queue</td></tr>
 *   <tr><td>{@code POST /stop}</td><td>stops the whole stack (answers first)</td></tr>
 *   <tr><td>{@code POST /servers}</td><td>{@code {"name": "azure-blob"}}: starts that server unless it
 *       runs, answers {@code {"settings": {...}}} (what a source reads it with; secrets included)</td></tr>
 *   <tr><td>{@code POST /credentials/revoke}, {@code /credentials/restore}</td><td>the storage keys
 *       pipes read with stop working, and work again; answers {@code {"done": "..."}}</td></tr>
 * </table>
 *
 * <p>Errors answer {@code {"error": "..."}} with 400 (bad request), 401 (no or wrong token), 404
 * (no such route or pipe) or 500.
 */
public final class ControlApi {
    public static final String STACK = "/stack";
    public static final String FAULTS = "/faults";
    public static final String PIPES = "/pipes";
    public static final String BUCKETS = "/buckets";
    public static final String EMULATOR = "/emulator";
    public static final String CLICKHOUSE_RESTART = "/clickhouse/restart";
    public static final String STOP = "/stop";
    /** {@code POST} {@code {"name": "azure-blob"}}: starts a server of the stack, answers {@code {"settings": {...}}}. */
    public static final String SERVERS = "/servers";
    /** {@code POST /credentials/revoke} and {@code /credentials/restore}: the storage keys pipes read with. */
    public static final String CREDENTIALS = "/credentials";

    public static final String SQS_QUEUES = "/sqs/queues";

    private ControlApi() {}
}
