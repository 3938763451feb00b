package dev.cpcheck.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded Azurite (needs Node.js; installs Azurite on first use): a revoked key is refused
 * while the data stays, the restored key finds it, and a stop saves what was written just before
 * it. Requests are signed here with the account key (Shared Key, as the Azure REST docs describe),
 * so the test needs no Azure SDK.
 */
class EmbeddedAzuriteIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern KEY = Pattern.compile("AccountKey=([^;]+);");

    @TempDir
    Path tmp;

    @Test
    void aRevokedKeyIsRefusedAndTheRestoredKeyFindsTheContainerAndItsBlobs() throws Exception {
        try (EmbeddedAzurite azurite = EmbeddedAzurite.start(tmp.resolve("azurite"))) {
            String key = key(azurite);
            assertThat(send(azurite, key, "PUT", "/kept?restype=container", null))
                    .isEqualTo(201);
            assertThat(send(azurite, key, "PUT", "/kept/a/b.json", "{\"a\":1}")).isEqualTo(201);

            azurite.revokeKey();

            assertThat(azurite.keyRevoked()).isTrue();
            assertThat(send(azurite, key, "GET", "/kept?restype=container&comp=list", null))
                    .isEqualTo(403);

            azurite.restoreKey();

            assertThat(azurite.keyRevoked()).isFalse();
            assertThat(send(azurite, key, "GET", "/kept/a/b.json", null)).isEqualTo(200);
        }
    }

    @Test
    void aStopSavesAContainerMadeJustBefore() throws Exception {
        Path data = tmp.resolve("azurite");
        try (EmbeddedAzurite azurite = EmbeddedAzurite.start(data)) {
            // Azurite autosaves its metadata every 5 s: closing at once shows the stop saved it
            assertThat(send(azurite, key(azurite), "PUT", "/fresh?restype=container", null))
                    .isEqualTo(201);
        }
        try (EmbeddedAzurite again = EmbeddedAzurite.start(data)) {
            assertThat(send(again, key(again), "GET", "/fresh?restype=container&comp=list", null))
                    .isEqualTo(200);
        }
    }

    private static String key(EmbeddedAzurite azurite) {
        Matcher m = KEY.matcher(azurite.connectionString());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    /** One Shared Key request on the account's path-style endpoint; returns the status code. */
    private static int send(EmbeddedAzurite azurite, String key, String method, String pathAndQuery, String body)
            throws Exception {
        URI uri = URI.create(azurite.blobEndpoint() + pathAndQuery);
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        Map<String, String> msHeaders = new TreeMap<>();
        msHeaders.put("x-ms-date", DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)));
        msHeaders.put("x-ms-version", "2021-10-04");
        if (body != null) {
            msHeaders.put("x-ms-blob-type", "BlockBlob");
        }
        StringBuilder canonical = new StringBuilder();
        msHeaders.forEach((k, v) -> canonical.append(k).append(':').append(v).append('\n'));
        canonical.append('/').append(EmbeddedAzurite.ACCOUNT).append(uri.getPath());
        if (uri.getQuery() != null) {
            Map<String, String> query = new TreeMap<>();
            for (String pair : uri.getQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(kv[0].toLowerCase(java.util.Locale.ROOT), kv.length > 1 ? kv[1] : "");
            }
            query.forEach((k, v) -> canonical.append('\n').append(k).append(':').append(v));
        }
        String contentLength = content.length == 0 ? "" : String.valueOf(content.length);
        String stringToSign =
                String.join("\n", method, "", "", contentLength, "", "", "", "", "", "", "", "") + "\n" + canonical;
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(key), "HmacSHA256"));
        String signature =
                Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .method(
                        method,
                        content.length == 0
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(content))
                .header("Authorization", "SharedKey " + EmbeddedAzurite.ACCOUNT + ":" + signature);
        msHeaders.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
