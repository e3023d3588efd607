/** SQL helpers shared by every module's stores (H2 and PostgreSQL alike). */
package dev.switchboard.sql;
