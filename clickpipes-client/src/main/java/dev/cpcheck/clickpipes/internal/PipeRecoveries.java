package dev.cpcheck.clickpipes.internal;

import dev.cpcheck.clickpipes.ClickPipeNotFoundException;
import dev.cpcheck.clickpipes.ClickPipeStateConflictException;
import dev.cpcheck.clickpipes.ClickPipesServiceException;
import dev.cpcheck.clickpipes.model.ClickPipe;
import dev.cpcheck.clickpipes.model.ClickPipeCommand;
import dev.cpcheck.clickpipes.model.ClickPipeCreateRequest;
import dev.cpcheck.clickpipes.model.ClickPipeDestination;
import dev.cpcheck.clickpipes.model.ClickPipeState;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recoveries of the pipe calls that are not safe to repeat blindly: a create adopts the pipe
 * an uncertain attempt made, a state command that is refused checks whether the pipe already
 * shows its effect, a delete that finds the pipe gone is done.
 */
public final class PipeRecoveries {

    private static final Logger LOG = LoggerFactory.getLogger("dev.cpcheck.clickpipes.ClickPipesClient");

    private final ApiCaller caller;
    private final ApiPaths paths;
    private final ApiResults results;

    public PipeRecoveries(ApiCaller caller, ApiPaths paths, ApiResults results) {
        this.caller = caller;
        this.paths = paths;
        this.results = results;
    }

    /**
     * Before posting again, lists the pipes and adopts the newest one with the request's name and
     * destination: the uncertain attempt made it.
     */
    public OutcomeRecovery<ClickPipe> adoptCreated(ClickPipeCreateRequest request) {
        return new OutcomeRecovery<>() {
            @Override
            public Optional<ClickPipe> beforeResend(int attempt) {
                Optional<ClickPipe> made =
                        caller.sendOnce(ApiRequest.get(paths.pipes(), false), results.pipes(), attempt).stream()
                                .filter(p -> request.name().equals(p.name()))
                                .filter(p -> sameDestination(request.destination(), p.destination()))
                                .max(Comparator.comparing(
                                        ClickPipe::createdAt, Comparator.nullsFirst(Comparator.naturalOrder())));
                made.ifPresent(p -> LOG.info(
                        "Adopting ClickPipe {} named '{}': an earlier create attempt may have succeeded"
                                + " without a response",
                        p.id(),
                        request.name()));
                return made;
            }
        };
    }

    /**
     * When the repeated command is refused as a state conflict, reads the pipe: if it is in one of
     * {@code effect}, the uncertain attempt applied the command.
     */
    public OutcomeRecovery<ClickPipe> stateReached(
            String pipeId, ClickPipeCommand command, Set<ClickPipeState> effect) {
        return new OutcomeRecovery<>() {
            @Override
            public Optional<ClickPipe> afterRefusal(ClickPipesServiceException refusal, int attempt) {
                if (!(refusal instanceof ClickPipeStateConflictException) || effect.isEmpty()) {
                    return Optional.empty();
                }
                ClickPipe pipe = caller.sendOnce(ApiRequest.get(paths.pipe(pipeId), true), results.pipe(), attempt);
                if (!effect.contains(pipe.state())) {
                    return Optional.empty();
                }
                LOG.info(
                        "ClickPipe {} is {}: an earlier '{}' attempt took effect",
                        pipeId,
                        pipe.rawState(),
                        command.value());
                return Optional.of(pipe);
            }
        };
    }

    /** When the repeated delete finds no pipe, the uncertain attempt deleted it. */
    public OutcomeRecovery<Boolean> deleted(String pipeId) {
        return new OutcomeRecovery<>() {
            @Override
            public Optional<Boolean> afterRefusal(ClickPipesServiceException refusal, int attempt) {
                if (!(refusal instanceof ClickPipeNotFoundException)) {
                    return Optional.empty();
                }
                LOG.info("ClickPipe {} is gone: an earlier delete attempt succeeded", pipeId);
                return Optional.of(Boolean.TRUE);
            }
        };
    }

    /** Same database and table, where both sides name them. */
    private static boolean sameDestination(ClickPipeDestination wanted, ClickPipeDestination seen) {
        if (wanted == null || seen == null) {
            return true;
        }
        return sameIfBothSet(wanted.database(), seen.database()) && sameIfBothSet(wanted.table(), seen.table());
    }

    private static boolean sameIfBothSet(String a, String b) {
        return a == null || b == null || Objects.equals(a, b);
    }
}
