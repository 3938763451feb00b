package dev.cpcheck.emulator.internal.s3;

import java.net.URI;
import java.util.Comparator;
import java.util.regex.Pattern;

/**
 * A ClickPipe's object storage {@code url} taken apart: the endpoint to talk S3 to, the bucket and
 * the key glob. Path-style URLs ({@code http://host:port/bucket/key-glob}) and AWS virtual-hosted
 * URLs ({@code https://bucket.s3.region.amazonaws.com/key-glob}) are understood.
 *
 * <p>Glob syntax is ClickHouse's, which ClickPipes uses: {@code *} matches within one path
 * segment, {@code **} across segments, {@code ?} one character other than {@code /}.
 */
public record S3Location(String url, URI endpoint, String bucket, String keyGlob) {

    /** Object keys in S3 listing order: by UTF-8 bytes, unsigned. */
    public static final Comparator<String> KEY_ORDER = S3Location::compareKeys;

    /** Parses a pipe URL; the message says what is wrong. */
    public static S3Location parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("source.objectStorage.url is required");
        }
        if (url.indexOf('{') >= 0 || url.indexOf('}') >= 0) {
            throw new IllegalArgumentException("The url '" + url + "' uses a {a,b} pattern, which ClickPipes does not"
                    + " support; use ?, * or ** wildcards");
        }
        URI uri;
        try {
            // keys may contain characters that URI rejects unencoded; only the authority matters here
            int schemeEnd = url.indexOf("://");
            int pathStart = schemeEnd < 0 ? -1 : url.indexOf('/', schemeEnd + 3);
            uri = URI.create(pathStart < 0 ? url : url.substring(0, pathStart));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The url '" + url + "' is not a valid URL: " + e.getMessage());
        }
        if (uri.getScheme() == null
                || uri.getHost() == null
                || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
            throw new IllegalArgumentException("The url '" + url + "' must start with http:// or https://");
        }
        int schemeEnd = url.indexOf("://");
        int pathStart = url.indexOf('/', schemeEnd + 3);
        String path = pathStart < 0 ? "" : url.substring(pathStart + 1);
        String host = uri.getHost();
        String bucket;
        String keyGlob;
        URI endpoint;
        int s3Label = host.indexOf(".s3.");
        if (s3Label < 0) {
            s3Label = host.indexOf(".s3-");
        }
        if (s3Label > 0 && host.endsWith(".amazonaws.com")) {
            bucket = host.substring(0, s3Label);
            keyGlob = path;
            endpoint = URI.create(uri.getScheme() + "://" + host.substring(s3Label + 1)
                    + (uri.getPort() > 0 ? ":" + uri.getPort() : ""));
        } else {
            int slash = path.indexOf('/');
            if (slash <= 0) {
                throw new IllegalArgumentException("The url '" + url + "' must name a bucket and a key pattern, e.g."
                        + " http://host:port/bucket/prefix/*.json");
            }
            bucket = path.substring(0, slash);
            keyGlob = path.substring(slash + 1);
            endpoint = URI.create(uri.getScheme() + "://" + uri.getRawAuthority());
        }
        if (keyGlob.isEmpty()) {
            throw new IllegalArgumentException("The url '" + url + "' has no key pattern after the bucket");
        }
        if (bucket.length() < 3) {
            throw new IllegalArgumentException("The bucket name '" + bucket + "' in url '" + url
                    + "' is shorter than 3 characters, which S3 and ClickHouse reject");
        }
        return new S3Location(url, endpoint, bucket, keyGlob);
    }

    /** The part of the key glob before its first wildcard: the listing prefix. */
    public String literalPrefix() {
        int i = 0;
        while (i < keyGlob.length() && keyGlob.charAt(i) != '*' && keyGlob.charAt(i) != '?') {
            i++;
        }
        return keyGlob.substring(0, i);
    }

    /** The key glob as a regular expression over whole keys. */
    public Pattern keyPattern() {
        return globToRegex(keyGlob);
    }

    /** What ClickHouse's {@code _path} virtual column holds for a key of this bucket. */
    public String pathOf(String key) {
        return bucket + "/" + key;
    }

    /** The glob as a regular expression over whole keys (also used for Azure paths). */
    public static Pattern globToRegex(String glob) {
        StringBuilder re = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' || c == '?') {
                if (literal.length() > 0) {
                    re.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                if (c == '?') {
                    re.append("[^/]");
                } else if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                    re.append(".*");
                    i++;
                } else {
                    re.append("[^/]*");
                }
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            re.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }

    static int compareKeys(String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        // UTF-16 order differs from UTF-8 byte order only around surrogates; compare code points
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
