package dev.cpcheck.core.archfixture;

import java.net.http.HttpClient;

/**
 * Deliberately breaks the core architecture rule (an HTTP client in core); used only to prove
 * that the rule catches such a dependency. Lives in test sources, never in the artifact.
 */
public final class ForbiddenHttpUse {
    public HttpClient client() {
        return HttpClient.newHttpClient();
    }
}
