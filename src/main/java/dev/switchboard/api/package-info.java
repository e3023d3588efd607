/** The API's envelope and error contract shared by every module's controllers. */
package dev.switchboard.api;
