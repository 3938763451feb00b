/** ClickHouse plumbing: parameter text forms, JSON results, external-data (multipart) queries. */
package dev.cpcheck.validation.internal.sql;
