package dev.cpcheck.core.archfixture;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;

/**
 * Deliberately breaks the core architecture rule with the JDK's older HTTP client; used only to
 * prove that the rule catches it. Lives in test sources, never in the artifact.
 */
public final class ForbiddenUrlConnectionUse {
    public int status(URL url) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) url.openConnection();
        return connection.getResponseCode();
    }
}
