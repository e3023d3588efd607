/**
 * The pages: server-rendered shells (Thymeleaf) that talk to the JSON API with the session cookie
 * and follow runs live over the WebSocket, falling back to polling.
 */
package dev.switchboard.web;
