package dev.cpcheck.clickpipes.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cpcheck.clickpipes.ClickPipesJson;
import dev.cpcheck.clickpipes.TestSecrets;
import org.junit.jupiter.api.Test;

/**
 * The three views of the object-storage source come from one builder: each view takes the fields
 * its spec schema has, refuses the others by name, and keeps enum values it does not know raw,
 * in requests as in responses.
 */
class ObjectStorageSourceBuilderTest {

    private final ObjectMapper json = ClickPipesJson.mapper();

    @Test
    void unknownEnumValuesInACreateRequestAreSentAsGiven() throws Exception {
        ClickPipeCreateObjectStorageSource source = ClickPipeCreateObjectStorageSource.builder()
                .rawType("minio")
                .rawFormat("ORC")
                .rawCompression("lz4")
                .rawAuthentication("OIDC")
                .url("https://minio.example/bucket/*.orc")
                .build();

        assertThat(source.type()).isEqualTo(ObjectStorageType.UNKNOWN);
        assertThat(source.format()).isEqualTo(ObjectStorageFormat.UNKNOWN);
        assertThat(source.compression()).isEqualTo(ObjectStorageCompression.UNKNOWN);
        assertThat(source.authentication()).isEqualTo(ObjectStorageAuthentication.UNKNOWN);
        assertThat(json.writeValueAsString(source))
                .isEqualTo("{\"type\":\"minio\",\"format\":\"ORC\",\"url\":\"https://minio.example/bucket/*.orc\","
                        + "\"compression\":\"lz4\",\"authentication\":\"OIDC\"}");
    }

    @Test
    void aCreateRequestReadFromJsonWritesItsUnknownValuesBack() throws Exception {
        String body = """
                {"name":"p","source":{"objectStorage":{"type":"minio","format":"ORC","url":"u",\
                "compression":"lz4","authentication":"OIDC"}},"destination":{"database":"d","table":"t"}}""";

        ClickPipeCreateRequest request = json.readValue(body, ClickPipeCreateRequest.class);

        assertThat(request.source().objectStorage().rawType()).isEqualTo("minio");
        assertThat(json.readTree(json.writeValueAsString(request))).isEqualTo(json.readTree(body));
    }

    @Test
    void unknownAuthenticationInAnUpdateIsSentAsGiven() throws Exception {
        ClickPipeUpdateRequest update = ClickPipeUpdateRequest.builder()
                .source(ClickPipeUpdateObjectStorageSource.builder()
                        .rawAuthentication("WORKLOAD_IDENTITY")
                        .build())
                .build();

        String written = json.writeValueAsString(update);
        assertThat(written).isEqualTo("{\"source\":{\"objectStorage\":{\"authentication\":\"WORKLOAD_IDENTITY\"}}}");
        assertThat(json.readValue(written, ClickPipeUpdateRequest.class)).isEqualTo(update);
    }

    @Test
    void anUpdateRefusesWhatOnlyACreateCanSetAndSaysWhy() {
        assertThatThrownBy(() -> ClickPipeUpdateObjectStorageSource.builder()
                        .url("https://b.s3.amazonaws.com/x/*")
                        .format(ObjectStorageFormat.CSV)
                        .accessKey("id", "secret")
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("format, url cannot be changed after creation")
                .hasMessageContaining("only credentials, skipInitialLoad and startAfter");
    }

    @Test
    void theReadViewRefusesSecretsWithoutShowingThem() {
        assertThatThrownBy(() -> ClickPipeObjectStorageSource.builder()
                        .type(ObjectStorageType.S3)
                        .accessKey(TestSecrets.S3_ACCESS_KEY_ID, TestSecrets.S3_SECRET_KEY)
                        .connectionString(TestSecrets.CONNECTION_STRING)
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("connectionString, accessKey are set")
                .hasMessageNotContaining(TestSecrets.S3_SECRET_KEY)
                .hasMessageNotContaining(TestSecrets.CONNECTION_STRING);
    }

    @Test
    void theSameSettersFeedEveryView() {
        ClickPipeCreateObjectStorageSource create = ModelFixtures.fullCreateObjectStorage();

        ClickPipeObjectStorageSource read = create.withoutSecrets();
        assertThat(read.rawType()).isEqualTo(create.rawType());
        assertThat(read.url()).isEqualTo(create.url());
        assertThat(read.rawAuthentication()).isEqualTo(create.rawAuthentication());
        assertThat(read.azureContainerName()).isEqualTo(create.azureContainerName());

        ClickPipeUpdateObjectStorageSource update = ClickPipeUpdateObjectStorageSource.builder()
                .startAfter("k")
                .iamRole("arn:aws:iam::1:role/r")
                .accessKey("id", "secret")
                .build();
        assertThat(update.authentication()).isEqualTo(ObjectStorageAuthentication.IAM_USER);
        assertThat(update.accessKey()).isEqualTo(new ClickPipeAccessKey("id", "secret"));

        assertThat(create.toBuilder().build()).isEqualTo(create);
        assertThat(read.toBuilder().build()).isEqualTo(read);
    }

    @Test
    void toStringMasksEverySecretOfEveryView() {
        String text = ModelFixtures.fullCreateObjectStorage() + " " + ModelFixtures.fullUpdateObjectStorage() + " "
                + ModelFixtures.accessKey();
        for (String secret : TestSecrets.ALL) {
            assertThat(text).doesNotContain(secret);
        }
        assertThat(text)
                .contains("ClickPipeCreateObjectStorageSource[rawType=s3, rawFormat=JSONEachRow")
                .contains("connectionString=****")
                .contains("serviceAccountKey=****")
                .contains("ClickPipeAccessKey[accessKeyId=" + TestSecrets.S3_ACCESS_KEY_ID + ", secretKey=****]");
    }
}
