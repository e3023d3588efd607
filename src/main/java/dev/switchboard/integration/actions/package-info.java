/**
 * The integrations' actions in workflow plans (send_email, enrich_contact, linkedin_invite,
 * web_search) and the pause of an agent when a provider's limit is reached: the one place the
 * integrations meet the engine.
 */
package dev.switchboard.integration.actions;
