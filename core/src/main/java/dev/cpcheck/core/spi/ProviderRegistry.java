package dev.cpcheck.core.spi;

import java.net.URL;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Providers of one SPI type by id, loaded with {@link ServiceLoader}. Logs each provider found
 * (id, class, jar) and fails with an actionable message on a duplicated or unknown id.
 *
 * <pre>{@code
 * ProviderRegistry<SourceProvider> sources = ProviderRegistry.sourceProviders();
 * SourceProvider s3 = sources.get("s3");
 * }</pre>
 *
 * @param <T> the SPI type
 */
public final class ProviderRegistry<T> {
    private static final Logger LOG = LoggerFactory.getLogger(ProviderRegistry.class);

    private final String kind;
    private final Map<String, T> byId;

    private ProviderRegistry(String kind, Map<String, T> byId) {
        this.kind = kind;
        this.byId = byId;
    }

    /** Source providers on the class path of this class's loader. */
    public static ProviderRegistry<SourceProvider> sourceProviders() {
        return load(
                "source provider", SourceProvider.class, SourceProvider::id, ProviderRegistry.class.getClassLoader());
    }

    /** Checks on the class path of this class's loader. */
    public static ProviderRegistry<Check> checks() {
        return load("check", Check.class, Check::id, ProviderRegistry.class.getClassLoader());
    }

    /**
     * Loads every provider of {@code type}.
     *
     * @param kind what the providers are called in messages, e.g. {@code "source provider"}
     * @throws DuplicateProviderException when two providers claim the same id
     */
    public static <T> ProviderRegistry<T> load(String kind, Class<T> type, Function<T, String> id, ClassLoader loader) {
        List<T> found = new ArrayList<>();
        for (T provider : ServiceLoader.load(type, loader)) {
            found.add(provider);
        }
        return of(kind, found, id);
    }

    /** A registry over given providers (programmatic registration), with the same id rules. */
    public static <T> ProviderRegistry<T> of(String kind, Collection<? extends T> providers, Function<T, String> id) {
        Map<String, T> byId = new LinkedHashMap<>();
        for (T provider : providers) {
            String pid = Objects.requireNonNull(
                    id.apply(provider), () -> provider.getClass().getName() + " has a null id");
            T previous = byId.putIfAbsent(pid, provider);
            if (previous != null && previous.getClass() != provider.getClass()) {
                throw new DuplicateProviderException("two " + kind + "s claim id '" + pid + "': "
                        + describe(previous) + " and " + describe(provider)
                        + "; remove one of them from the class path");
            }
            LOG.info("found {} '{}': {}", kind, pid, describe(provider));
        }
        return new ProviderRegistry<>(kind, byId);
    }

    /**
     * The provider with {@code id}.
     *
     * @throws UnknownProviderException naming the ids available and what to do
     */
    public T get(String id) {
        T provider = byId.get(id);
        if (provider == null) {
            throw new UnknownProviderException("no " + kind + " with id '" + id + "'; available: "
                    + (byId.isEmpty() ? "none" : String.join(", ", byId.keySet()))
                    + ". Check the spelling, or add the jar that provides it to the class path");
        }
        return provider;
    }

    public boolean contains(String id) {
        return byId.containsKey(id);
    }

    public List<String> ids() {
        return List.copyOf(byId.keySet());
    }

    public List<T> all() {
        return List.copyOf(byId.values());
    }

    /**
     * A registry with one more provider, e.g. registered programmatically. It replaces a provider
     * of the same id and class (one discovered with default settings gives way to one configured
     * in code); another class claiming the id is refused as a duplicate.
     */
    public ProviderRegistry<T> with(T provider, Function<T, String> id) {
        List<T> all = new ArrayList<>(byId.values());
        String pid = id.apply(provider);
        all.removeIf(p -> id.apply(p).equals(pid) && p.getClass() == provider.getClass());
        all.add(provider);
        return of(kind, all, id);
    }

    static String describe(Object provider) {
        Class<?> c = provider.getClass();
        String version = c.getPackage() == null ? null : c.getPackage().getImplementationVersion();
        String where = "?";
        CodeSource source =
                c.getProtectionDomain() == null ? null : c.getProtectionDomain().getCodeSource();
        if (source != null) {
            URL url = source.getLocation();
            if (url != null) {
                String path = url.getPath();
                where = path.endsWith("/") ? path : path.substring(path.lastIndexOf('/') + 1);
            }
        }
        return c.getName() + (version == null ? "" : " " + version) + " (" + where + ")";
    }

    /** Two providers claim the same id. */
    public static final class DuplicateProviderException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        public DuplicateProviderException(String message) {
            super(message);
        }
    }

    /** No provider has the id asked for. */
    public static final class UnknownProviderException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        public UnknownProviderException(String message) {
            super(message);
        }
    }
}
