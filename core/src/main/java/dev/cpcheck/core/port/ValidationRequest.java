package dev.cpcheck.core.port;

import dev.cpcheck.core.history.RunHistory;
import dev.cpcheck.core.manifest.Manifest;
import dev.cpcheck.core.result.DeliveryGuarantee;
import java.util.Objects;

/**
 * What the validator checks: the destination table against the manifest, in the light of the
 * history.
 */
public record ValidationRequest(String runId, DestinationSpec destination, Manifest manifest, RunHistory history,
                                DeliveryGuarantee guarantee) {
    public ValidationRequest {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(guarantee, "guarantee");
    }
}
