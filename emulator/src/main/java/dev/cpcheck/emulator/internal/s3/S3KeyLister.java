package dev.cpcheck.emulator.internal.s3;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Lists the keys of one pipe URL, in S3 order, after a given key. */
public final class S3KeyLister implements AutoCloseable {

    /** One listed object. */
    public record ObjectInfo(String key, long size, Instant lastModified) {}

    private final S3Location location;
    private final S3Client client;
    private final Pattern pattern;

    /**
     * @param accessKeyId {@code null} for a public bucket (anonymous requests)
     */
    public S3KeyLister(S3Location location, String region, String accessKeyId, String secretKey) {
        this.location = location;
        this.pattern = location.keyPattern();
        AwsCredentialsProvider credentials = accessKeyId == null
                ? AnonymousCredentialsProvider.create()
                : StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretKey));
        this.client = S3Client.builder()
                .endpointOverride(location.endpoint())
                .region(Region.of(region))
                .credentialsProvider(credentials)
                .forcePathStyle(true)
                .build();
    }

    /**
     * Matching keys strictly greater than {@code after} ({@code null}: all), sorted, at most
     * {@code limit} of them.
     */
    public List<ObjectInfo> listAfter(String after, int limit) {
        String prefix = location.literalPrefix();
        List<ObjectInfo> result = new ArrayList<>();
        String token = null;
        do {
            ListObjectsV2Request.Builder request = ListObjectsV2Request.builder()
                    .bucket(location.bucket())
                    .prefix(prefix)
                    .maxKeys(1000);
            if (token != null) {
                request.continuationToken(token);
            } else if (after != null && S3Location.KEY_ORDER.compare(after, prefix) >= 0) {
                request.startAfter(after);
            }
            ListObjectsV2Response response = client.listObjectsV2(request.build());
            for (S3Object o : response.contents()) {
                String key = o.key();
                if ((after == null || S3Location.KEY_ORDER.compare(key, after) > 0)
                        && pattern.matcher(key).matches()) {
                    result.add(new ObjectInfo(key, o.size() == null ? 0 : o.size(), o.lastModified()));
                }
            }
            token = Boolean.TRUE.equals(response.isTruncated()) ? response.nextContinuationToken() : null;
        } while (token != null && result.size() < limit);
        result.sort((a, b) -> S3Location.KEY_ORDER.compare(a.key(), b.key()));
        return result.size() > limit ? new ArrayList<>(result.subList(0, limit)) : result;
    }

    @Override
    public void close() {
        client.close();
    }
}
