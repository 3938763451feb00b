package dev.cpcheck.emulator.internal.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class S3LocationTest {

    @Test
    void pathStyleUrl() {
        S3Location l = S3Location.parse("http://127.0.0.1:9000/bucket/run-1/data/*.json");
        assertThat(l.endpoint()).hasToString("http://127.0.0.1:9000");
        assertThat(l.bucket()).isEqualTo("bucket");
        assertThat(l.keyGlob()).isEqualTo("run-1/data/*.json");
        assertThat(l.literalPrefix()).isEqualTo("run-1/data/");
        assertThat(l.pathOf("run-1/data/a.json")).isEqualTo("bucket/run-1/data/a.json");
    }

    @Test
    void virtualHostedAwsUrl() {
        S3Location l = S3Location.parse("https://datasets.s3.eu-west-3.amazonaws.com/http/**.ndjson.gz");
        assertThat(l.bucket()).isEqualTo("datasets");
        assertThat(l.endpoint()).hasToString("https://s3.eu-west-3.amazonaws.com");
        assertThat(l.keyGlob()).isEqualTo("http/**.ndjson.gz");
    }

    @Test
    void globsFollowClickHouse() {
        S3Location one = S3Location.parse("http://h:1/bucket/p/*.json");
        assertThat(one.keyPattern().matcher("p/a.json").matches()).isTrue();
        assertThat(one.keyPattern().matcher("p/sub/a.json").matches())
                .as("* stays in one segment")
                .isFalse();
        S3Location deep = S3Location.parse("http://h:1/bucket/p/**.json");
        assertThat(deep.keyPattern().matcher("p/sub/deeper/a.json").matches()).isTrue();
        assertThat(deep.keyPattern().matcher("p/a.csv").matches()).isFalse();
        S3Location q = S3Location.parse("http://h:1/bucket/p/file-?.json");
        assertThat(q.keyPattern().matcher("p/file-1.json").matches()).isTrue();
        assertThat(q.keyPattern().matcher("p/file-12.json").matches()).isFalse();
        assertThat(q.keyPattern().matcher("p/file-/.json").matches()).isFalse();
        S3Location literal = S3Location.parse("http://h:1/bucket/p/a+b(1).json");
        assertThat(literal.keyPattern().matcher("p/a+b(1).json").matches())
                .as("regex characters are literal")
                .isTrue();
    }

    @Test
    void invalidUrls() {
        assertThatThrownBy(() -> S3Location.parse("http://h:1/bucket/{a,b}.json"))
                .hasMessageContaining("{a,b}");
        assertThatThrownBy(() -> S3Location.parse("ftp://h/bucket/x")).hasMessageContaining("http");
        assertThatThrownBy(() -> S3Location.parse("http://h:1/bucket")).hasMessageContaining("bucket");
        assertThatThrownBy(() -> S3Location.parse("http://h:1/ab/x.json")).hasMessageContaining("3 characters");
        assertThatThrownBy(() -> S3Location.parse(" ")).hasMessageContaining("required");
    }

    @Test
    void keysSortLikeS3ByUtf8Bytes() {
        List<String> keys = new ArrayList<>(List.of("b", "a/2", "a/10", "\uFFFD", "\uD83D\uDE00", "a", "B"));
        keys.sort(S3Location.KEY_ORDER);
        // U+FFFD sorts before U+1F600 in UTF-8, though not in UTF-16
        assertThat(keys).containsExactly("B", "a", "a/10", "a/2", "b", "\uFFFD", "\uD83D\uDE00");
    }
}
