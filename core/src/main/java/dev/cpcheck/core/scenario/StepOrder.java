package dev.cpcheck.core.scenario;

import java.util.ArrayList;
import java.util.List;

/**
 * The rules of step order a {@link Scenario} obeys: one pipe, created before it is paused or
 * awaited; every pause resumed and every revoke restored; awaits ask only for files already
 * written; keys below the checkpoint only once a checkpoint exists; validate last.
 */
final class StepOrder {
    private StepOrder() {}

    /**
     * Checks the order of steps, saying how to fix a bad one; appends a validate step when there
     * is none.
     *
     * @return the steps, ending with a validate step
     * @throws IllegalArgumentException naming the step that breaks a rule and the fix
     */
    static List<Step> check(List<Step> steps) {
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("the scenario has no steps: add writeFiles(...), createPipe(), ...");
        }
        boolean pipe = false;
        boolean paused = false;
        boolean failed = false;
        boolean ingestedSomething = false;
        int written = 0;
        int writes = 0;
        List<Step> out = new ArrayList<>(steps);
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            String at = "step " + (i + 1) + " (" + s.describe() + ")";
            if (!s.stepKind().inScenarios()) {
                throw new IllegalArgumentException(at + ": " + s.stepKind().camelName()
                        + " is a step command; a scenario run creates and removes its table, pipe and files itself");
            }
            if (s instanceof Step.Validate && i != steps.size() - 1) {
                throw new IllegalArgumentException(at + ": validate must be the last step");
            }
            if (s instanceof Step.CreatePipe c && c.startAfterFile() != null && c.startAfterFile() > written) {
                throw new IllegalArgumentException(at + ": startAfter names file " + c.startAfterFile() + ", but only "
                        + written + " files are written before the pipe");
            }
            if (s instanceof Step.CreatePipe || s instanceof Step.AdoptPipe) {
                if (pipe) {
                    throw new IllegalArgumentException(at
                            + ": the pipe was already created; a scenario has exactly one createPipe/adoptPipe step");
                }
                pipe = true;
                continue;
            }
            if (s instanceof Step.WriteFiles w) {
                writes++;
                if (w.placement() == KeyPlacement.APPEND) {
                    written += w.count();
                } else if (!ingestedSomething) {
                    throw new IllegalArgumentException(
                            at + ": keys below the checkpoint need a checkpoint: put an awaitFiles(n) step before it");
                }
                continue;
            }
            if (!pipe && !(s instanceof Step.Validate)) {
                throw new IllegalArgumentException(at + ": the pipe does not exist yet: add createPipe() before it");
            }
            if (s instanceof Step.Pause) {
                if (paused) {
                    throw new IllegalArgumentException(
                            at + ": the pipe is already paused: add resume() before pausing again");
                }
                paused = true;
            } else if (s instanceof Step.Resume) {
                if (!paused && !failed) {
                    throw new IllegalArgumentException(at + ": the pipe is not paused: add pause() before resume()");
                }
                paused = false;
                failed = false;
            } else if (s instanceof Step.RevokeSourceCredentials) {
                if (failed) {
                    throw new IllegalArgumentException(at + ": the credentials are revoked already");
                }
                failed = !paused; // a running pipe fails on its next read; a paused one stays Stopped
            } else if (s instanceof Step.AwaitFiles a) {
                if (a.files() != null && a.files() > written) {
                    throw new IllegalArgumentException(
                            at + ": only " + written + " files are written before this step");
                }
                if (paused || failed) {
                    throw new IllegalArgumentException(at + ": the pipe is " + (failed ? "failed" : "paused")
                            + " here, so files cannot arrive: resume() first or use hold(...)");
                }
                ingestedSomething |= written > 0;
            }
        }
        if (writes == 0) {
            throw new IllegalArgumentException("the scenario writes no files: add writeFiles(phase, count)");
        }
        if (!pipe) {
            throw new IllegalArgumentException("the scenario has no createPipe() or adoptPipe(id) step");
        }
        if (paused) {
            throw new IllegalArgumentException(
                    "the scenario ends with the pipe paused: add resume() after the last pause()");
        }
        if (failed) {
            throw new IllegalArgumentException("the scenario ends with the pipe failed: add"
                    + " restoreSourceCredentials() and resume() after revokeSourceCredentials()");
        }
        if (!(out.get(out.size() - 1) instanceof Step.Validate)) {
            out.add(new Step.Validate());
        }
        return List.copyOf(out);
    }
}
