package dev.cpcheck.clickpipes;

import java.util.List;

/** Secret values used by the tests; none may appear in a log line or exception message. */
public final class TestSecrets {

    public static final String API_KEY_ID = "kid-7Q2RZ4";
    public static final String API_KEY_SECRET = "4b1dSECRETapiKEY9f0e2c7a";
    public static final String S3_ACCESS_KEY_ID = "AKIAEXAMPLE0CPCHECK";
    public static final String S3_SECRET_KEY = "wJalrXUtnFEMI-K7MDENG-bPxRfiCYsecret";
    public static final String CONNECTION_STRING = "DefaultEndpointsProtocol=https;AccountKey=azSECRETkey==";
    public static final String SERVICE_ACCOUNT_KEY = "eyJzZWNyZXQiOiJnY3Atc2VjcmV0LWtleSJ9";

    /** The Basic credentials as sent on the wire; also secret. */
    public static final String BASIC_TOKEN = java.util.Base64.getEncoder()
            .encodeToString((API_KEY_ID + ":" + API_KEY_SECRET).getBytes(java.nio.charset.StandardCharsets.UTF_8));

    public static final List<String> ALL =
            List.of(API_KEY_SECRET, S3_SECRET_KEY, CONNECTION_STRING, SERVICE_ACCOUNT_KEY, BASIC_TOKEN);

    private TestSecrets() {}
}
