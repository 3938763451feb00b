/** cpcheck clickpipes-client. */
package dev.cpcheck.clickpipes;
