package dev.cpcheck.clickpipes;

/** 404 on a ClickPipe: no pipe with that ID in this service (deleted, or wrong service). */
public class ClickPipeNotFoundException extends ClickPipesServiceException {

    private static final long serialVersionUID = 2L;

    public ClickPipeNotFoundException(Details details) {
        super(details);
    }
}
