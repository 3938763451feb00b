package dev.cpcheck.emulator.internal.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Listings served from the key index are the store's own listings: same keys, sizes, ETags, page
 * boundaries and continuation tokens, after puts, copies, deletes and a reopen of the folder.
 */
class KeyIndexedListingTest {
    private static final String BUCKET = "bucket-one";

    @TempDir
    Path tmp;

    @Test
    void everyPageMatchesTheStoresOwnListing() {
        BlobStore store = new FilesystemNio2BlobStore(tmp.toString());
        store.createContainer(BUCKET);
        KeyIndexedListing indexed = new KeyIndexedListing(store);
        Random random = new Random(7);
        List<String> written = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String key = "in/" + (char) ('a' + random.nextInt(3)) + "/f-" + String.format("%04d", random.nextInt(2000))
                    + ".json";
            put(indexed, key, "x".repeat(1 + random.nextInt(40)));
            written.add(key);
        }
        put(indexed, "other/one.json", "{}");
        indexed.copyBlob(CopyObjectRequest.builder()
                .sourceBucket(BUCKET)
                .sourceKey(written.get(0))
                .destinationBucket(BUCKET)
                .destinationKey("in/b/copied.json")
                .build());
        indexed.removeBlob(
                DeleteObjectRequest.builder().bucket(BUCKET).key(written.get(1)).build());
        indexed.removeBlobs(DeleteObjectsRequest.builder()
                .bucket(BUCKET)
                .delete(Delete.builder()
                        .objects(written.subList(2, 12).stream()
                                .map(k -> ObjectIdentifier.builder().key(k).build())
                                .toList())
                        .build())
                .build());

        for (String prefix : new String[] {null, "", "in/", "in/b/", "in/b/f-1", "zzz", "other/one.json"}) {
            for (Integer maxKeys : new Integer[] {null, 0, 7, 1000}) {
                for (String startAfter : new String[] {null, "in/a/f-1000.json", "in/c", "a", "zzz"}) {
                    ListObjectsV2Request.Builder request = ListObjectsV2Request.builder()
                            .bucket(BUCKET)
                            .prefix(prefix)
                            .maxKeys(maxKeys)
                            .startAfter(startAfter);
                    assertSamePages(store, indexed, request);
                }
            }
        }

        // a reopened folder is indexed from what it holds
        KeyIndexedListing reopened = new KeyIndexedListing(new FilesystemNio2BlobStore(tmp.toString()));
        assertSamePages(
                store, reopened, ListObjectsV2Request.builder().bucket(BUCKET).maxKeys(50));
        assertThat(keys(reopened.list(
                        ListObjectsV2Request.builder().bucket(BUCKET).build())))
                .contains("in/b/copied.json", "other/one.json")
                .doesNotContain(written.get(1), written.get(2), written.get(11))
                .hasSize(keys(store.list(
                                ListObjectsV2Request.builder().bucket(BUCKET).build()))
                        .size());
    }

    @Test
    void aBucketCreatedLaterIsIndexedAndAnEmptiedOneListsNothing() {
        BlobStore store = new FilesystemNio2BlobStore(tmp.toString());
        KeyIndexedListing indexed = new KeyIndexedListing(store);
        indexed.createContainer("later-bucket");
        put(indexed, "later-bucket", "k1", "a");
        put(indexed, "later-bucket", "k2", "b");
        assertThat(keys(indexed.list(
                        ListObjectsV2Request.builder().bucket("later-bucket").build())))
                .containsExactly("k1", "k2");
        indexed.clearContainer(
                ListObjectsV2Request.builder().bucket("later-bucket").build());
        assertThat(indexed.list(ListObjectsV2Request.builder()
                                .bucket("later-bucket")
                                .build())
                        .contents())
                .isEmpty();
    }

    private static void assertSamePages(BlobStore store, BlobStore indexed, ListObjectsV2Request.Builder first) {
        ListObjectsV2Request request = first.build();
        String described =
                "prefix=" + request.prefix() + " maxKeys=" + request.maxKeys() + " startAfter=" + request.startAfter();
        for (int page = 0; page < 1000; page++) {
            ListObjectsV2Response expected = store.list(request);
            ListObjectsV2Response actual = indexed.list(request);
            assertThat(entries(actual)).as(described).isEqualTo(entries(expected));
            assertThat(actual.nextContinuationToken()).as(described).isEqualTo(expected.nextContinuationToken());
            assertThat(actual.isTruncated()).as(described).isEqualTo(expected.isTruncated());
            if (expected.nextContinuationToken() == null || expected.contents().isEmpty()) {
                return;
            }
            request = request.toBuilder()
                    .continuationToken(expected.nextContinuationToken())
                    .build();
        }
    }

    private static List<String> entries(ListObjectsV2Response response) {
        return response.contents().stream()
                .map(o -> o.key() + " " + o.size() + " " + o.eTag() + " " + o.storageClassAsString())
                .toList();
    }

    private static List<String> keys(ListObjectsV2Response response) {
        return response.contents().stream().map(S3Object::key).toList();
    }

    private static void put(BlobStore store, String key, String body) {
        put(store, BUCKET, key, body);
    }

    private static void put(BlobStore store, String bucket, String key, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        store.putBlob(
                PutObjectRequest.builder()
                        .bucket(bucket)
                        .key(key)
                        .contentLength((long) bytes.length)
                        .build(),
                new ByteArrayInputStream(bytes));
    }
}
