package dev.cpcheck.core.spi;

import dev.cpcheck.core.history.RunHistory;
import dev.cpcheck.core.manifest.Manifest;
import dev.cpcheck.core.result.DeliveryGuarantee;
import java.util.Objects;

/**
 * What the validator checks: the destination table against the manifest, in the light of the
 * history.
 *
 * @param sharedDestination whether other runs may write to the table too (an adopted pipe's
 *                          table); when false, rows of other runs are unexpected
 */
public record ValidationRequest(
        String runId,
        DestinationSpec destination,
        Manifest manifest,
        RunHistory history,
        DeliveryGuarantee guarantee,
        boolean sharedDestination) {
    public ValidationRequest {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(guarantee, "guarantee");
    }

    /** A request for a table of the run's own (rows of other runs are unexpected). */
    public ValidationRequest(
            String runId,
            DestinationSpec destination,
            Manifest manifest,
            RunHistory history,
            DeliveryGuarantee guarantee) {
        this(runId, destination, manifest, history, guarantee, false);
    }
}
