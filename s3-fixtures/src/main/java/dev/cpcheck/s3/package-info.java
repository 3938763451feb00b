/** cpcheck s3-fixtures. */
package dev.cpcheck.s3;
