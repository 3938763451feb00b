package dev.cpcheck.core.spi;

import java.util.Objects;

/** How the pipe authenticates to the source bucket. */
public sealed interface SourceAuth {

    /** A public bucket: no credentials. */
    record Public() implements SourceAuth {}

    /**
     * An access key pair (ClickPipes {@code IAM_USER}). The secret never appears in
     * {@link #toString()}.
     */
    record AccessKey(String accessKeyId, String secretKey) implements SourceAuth {
        public AccessKey {
            Objects.requireNonNull(accessKeyId, "accessKeyId");
            Objects.requireNonNull(secretKey, "secretKey");
        }

        @Override
        public String toString() {
            return "AccessKey[accessKeyId=" + accessKeyId + ", secretKey=****]";
        }
    }

    /**
     * An Azure Storage connection string (ClickPipes {@code CONNECTION_STRING}, Azure Blob Storage
     * only): {@code DefaultEndpointsProtocol=https;AccountName=..;AccountKey=..;EndpointSuffix=..} or a
     * SAS form. It holds the account key: never shown by {@link #toString()}.
     */
    record ConnectionString(String connectionString) implements SourceAuth {
        public ConnectionString {
            Objects.requireNonNull(connectionString, "connectionString");
        }

        @Override
        public String toString() {
            return "ConnectionString[****]";
        }
    }

    /** An IAM role the pipe assumes (ClickPipes {@code IAM_ROLE}). */
    record IamRole(String roleArn) implements SourceAuth {
        public IamRole {
            Objects.requireNonNull(roleArn, "roleArn");
        }
    }
}
