package dev.cpcheck.emulator.internal.pipe;

import static dev.cpcheck.emulator.internal.clickhouse.ClickHouseHttp.literal;

import dev.cpcheck.emulator.internal.clickhouse.ClickHouseHttp;
import dev.cpcheck.emulator.internal.s3.S3KeyLister.ObjectInfo;
import dev.cpcheck.emulator.internal.s3.S3Location;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Lists the blobs of an Azure Blob Storage pipe through ClickHouse's {@code azureBlobStorage()}
 * with the {@code One} format, which reads no file content and gives one row per blob with its
 * {@code _path} and {@code _size}. The pipe's own connection string is used, so revoked
 * credentials fail the listing as they fail the real service's.
 */
final class AzureKeyLister implements KeyLister {
    private final ClickHouseHttp clickHouse;
    private final String connectionString;
    private final AzureLocation location;
    private final Pattern pattern;

    AzureKeyLister(ClickHouseHttp clickHouse, String connectionString, AzureLocation location) {
        this.clickHouse = clickHouse;
        this.connectionString = connectionString;
        this.location = location;
        this.pattern = location.pattern();
    }

    @Override
    public List<ObjectInfo> listAfter(String after, int limit) {
        String sql = "SELECT _path, coalesce(_size, 0), toUnixTimestamp(coalesce(_time, toDateTime(0)))"
                + " FROM azureBlobStorage(" + literal(connectionString) + ", " + literal(location.container()) + ", "
                + literal(location.glob()) + ", 'One')"
                + (after == null ? "" : " WHERE _path > " + literal(location.pathOf(after)))
                + " ORDER BY _path LIMIT " + Math.max(limit, 0)
                + " FORMAT TabSeparated";
        String body = clickHouse
                .execute(sql, Map.of("azure_skip_empty_files", "0"), null, Duration.ofMinutes(2))
                .body();
        List<ObjectInfo> result = new ArrayList<>();
        String containerPrefix = location.container() + "/";
        for (String line : body.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\t");
            String path = f[0];
            String key = path.startsWith(containerPrefix) ? path.substring(containerPrefix.length()) : path;
            if ((after == null || S3Location.KEY_ORDER.compare(key, after) > 0)
                    && pattern.matcher(key).matches()) {
                result.add(new ObjectInfo(key, Long.parseLong(f[1]), Instant.ofEpochSecond(Long.parseLong(f[2]))));
            }
        }
        result.sort((a, b) -> S3Location.KEY_ORDER.compare(a.key(), b.key()));
        return result;
    }

    @Override
    public void close() {
        // nothing held: each listing is one query
    }
}
