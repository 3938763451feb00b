package dev.cpcheck.clickpipes;

/** 400 that is not a state conflict: the request is invalid; the message says why. */
public class ClickPipesBadRequestException extends ClickPipesServiceException {

    private static final long serialVersionUID = 2L;

    public ClickPipesBadRequestException(Details details) {
        super(details);
    }
}
