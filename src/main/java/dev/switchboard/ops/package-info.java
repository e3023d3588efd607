/**
 * What operators look at: Prometheus metrics fed by the engine's run events, the OpenAPI document
 * and Swagger UI, their access rule (owners and admins only), and the log context (execution and
 * workspace ids in the MDC, JSON lines on request).
 */
package dev.switchboard.ops;
