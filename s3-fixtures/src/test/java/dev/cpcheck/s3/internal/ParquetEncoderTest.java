package dev.cpcheck.s3.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpcheck.core.manifest.RowGenerator;
import dev.cpcheck.s3.FixtureRow;
import dev.cpcheck.s3.testing.ParquetTestReader;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParquetEncoderTest {

    @Test
    @SuppressWarnings("unchecked")
    void manyPagesAndRowGroupsReadBackInOrder() throws Exception {
        RowGenerator values = new RowGenerator(5, "20261123-213000-3fa9c1");
        FileContent content = new FileContent("20261123-213000-3fa9c1", "resumed", 9, 1000, 30, values);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // ~ 8 payload values per page, ~ 100 rows per row group
        ParquetEncoder.write(content, out, 300, 100 * 90L);
        byte[] file = out.toByteArray();

        Map<Integer, Object> footer = ParquetTestReader.footer(file);
        assertThat((List<Object>) footer.get(4)).hasSizeGreaterThan(5);
        List<FixtureRow> rows = ParquetTestReader.read(file);
        assertThat(rows).hasSize(1000);
        for (int i = 0; i < rows.size(); i++) {
            FixtureRow r = rows.get(i);
            assertThat(r.rowId()).isEqualTo(i + 1);
            assertThat(r.fileId()).isEqualTo(9);
            assertThat(r.phase()).isEqualTo("resumed");
            assertThat(r.eventTime()).isEqualTo(Instant.ofEpochMilli(values.eventTimeMillis(9, i + 1)));
            assertThat(r.payload()).isEqualTo(values.payload(9, i + 1, 30));
        }
    }

    @Test
    void payloadLargerThanAPageGetsAPageOfItsOwn() throws Exception {
        RowGenerator values = new RowGenerator(5, "x");
        FileContent content = new FileContent("x", "p", 1, 3, 200_000, values);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ParquetEncoder.write(content, out, 64 * 1024, 128L << 20);
        List<FixtureRow> rows = ParquetTestReader.read(out.toByteArray());
        assertThat(rows)
                .extracting(FixtureRow::payload)
                .containsExactly(
                        values.payload(1, 1, 200_000), values.payload(1, 2, 200_000), values.payload(1, 3, 200_000));
    }
}
