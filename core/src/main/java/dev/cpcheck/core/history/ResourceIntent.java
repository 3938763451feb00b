package dev.cpcheck.core.history;

/**
 * A resource a run was about to create, recorded before the request went out: if the run dies
 * while the request is in flight, the history still says what may exist (a pipe is found by its
 * name, a table by its qualified name, files by their prefix).
 *
 * @param kind {@link CreatedResource#PIPE}, {@link CreatedResource#TABLE} or {@link CreatedResource#SOURCE_PREFIX}
 * @param name pipe name, {@code db.table}, or {@code bucket/prefix}
 */
public record ResourceIntent(String kind, String name) {}
