package dev.cpcheck.cli.internal;

import picocli.CommandLine.IVersionProvider;

/** Version from the jar manifest. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = VersionProvider.class.getPackage().getImplementationVersion();
        return new String[] {
            "cpcheck " + (v == null ? "(development build)" : v),
            "Java " + System.getProperty("java.version") + " on " + System.getProperty("os.name") + " "
                    + System.getProperty("os.arch")
        };
    }
}
