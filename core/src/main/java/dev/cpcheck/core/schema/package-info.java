/** The row schema fixtures write and the destination table schema the checks read. */
package dev.cpcheck.core.schema;
