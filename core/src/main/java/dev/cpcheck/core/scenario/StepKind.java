package dev.cpcheck.core.scenario;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The step vocabulary: one name per kind of step, the same in the {@link Scenario.Builder}
 * (method {@code writeFiles}), in YAML scenarios ({@code - writeFiles: ...}) and, in kebab case, in
 * {@code history.jsonl} ({@code "kind": "write-files"}).
 *
 * <p>The last four are step commands: a person driving a run step by step creates and removes the
 * table, the pipe and the files by hand, while a scenario run does that itself.
 */
public enum StepKind {
    WRITE_FILES("write-files", "writeFiles"),
    CREATE_PIPE("create-pipe", "createPipe"),
    ADOPT_PIPE("adopt-pipe", "adoptPipe"),
    AWAIT_FILES("await-files", "awaitFiles"),
    PAUSE("pause", "pause"),
    AWAIT_STATE("await-state", "awaitState"),
    HOLD("hold", "hold"),
    RESUME("resume", "resume"),
    REVOKE_SOURCE_CREDENTIALS("revoke-source-credentials", "revokeSourceCredentials"),
    RESTORE_SOURCE_CREDENTIALS("restore-source-credentials", "restoreSourceCredentials"),
    ALTER_TABLE("alter-table", "alterTable"),
    SERVICE_IDLE("service-idle", "serviceIdle"),
    VALIDATE("validate", "validate"),
    CREATE_TABLE("create-table", "createTable"),
    DROP_TABLE("drop-table", "dropTable"),
    DELETE_PIPE("delete-pipe", "deletePipe"),
    DELETE_FILES("delete-files", "deleteFiles");

    private final String id;
    private final String camelName;

    StepKind(String id, String camelName) {
        this.id = id;
        this.camelName = camelName;
    }

    /** The name in history.jsonl, e.g. {@code write-files}. */
    public String id() {
        return id;
    }

    /** The name in YAML and of the builder method, e.g. {@code writeFiles}. */
    public String camelName() {
        return camelName;
    }

    /** Whether a scenario may contain it (step commands only act on runs driven by hand). */
    public boolean inScenarios() {
        return ordinal() <= VALIDATE.ordinal();
    }

    /** The kinds a scenario may contain, in this order. */
    public static List<StepKind> scenarioKinds() {
        return Arrays.stream(values()).filter(StepKind::inScenarios).toList();
    }

    /** The kind with this history id, if any. */
    public static Optional<StepKind> fromId(String id) {
        return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst();
    }

    @Override
    public String toString() {
        return id;
    }
}
