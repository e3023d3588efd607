package dev.switchboard.instruction.internal;

import dev.langchain4j.model.chat.request.json.JsonAnyOfSchema;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonReferenceSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import dev.switchboard.plan.ActionType;
import dev.switchboard.plan.Operator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** What the language model is told: the plan schema, the conventions, and the JSON schema. */
final class PlanPrompt {

  private PlanPrompt() {}

  static final String SYSTEM =
      """
      You compile sales-automation instructions written in plain language into a JSON plan.
      Answer with JSON only, no prose and no code fences.

      The plan is {"steps": [Step...]}. A Step is {"type": ACTION, "params": {...}} or
      {"type": "if", "condition": C, "then": [Step...], "else": [Step...]}.
      A condition C is {"field": "contact.title", "operator": OP, "value": V}, {"all": [C...]},
      {"any": [C...]} or {"not": C}. OP is one of == != > < >= <= contains exists; exists
      carries "value": true and is negated with "not".

      Actions and their params:
      - search_contacts: filters (list of {field, operator, value} on bare contact fields such
        as title, status, city, leadScore, createdAt), match ("all" default, or "any")
      - send_email: template (name) or subject and body; optional to (default @contact.email)
      - linkedin_invite: optional note
      - web_search: query; optional maxResults (default 5)
      - create_task: title; optional dueInDays (number), assignee (e.g. @user.salesRep)
      - add_tag, remove_tag: tags (list of names)
      - update_field: entity (contact, deal or company), field, value
      - enrich_contact: optional provider (default apollo)
      - wait: duration, ISO-8601 such as P5D or PT2H, at most 90 days
      - handoff: to (a user such as @user.salesRep), optional message
      - remember: key, value (writes @memory.key)

      Conventions:
      - Keep quoted text and @variables (@contact.firstName, @memory.x, @search.results[0].title)
        exactly as written.
      - Conditions use qualified fields: contact.title, contact.leadScore, deal.value,
        deal.stage, company.industry, contact.replied. Search filters use bare contact fields.
      - Money is a plain number ($10,000 -> 10000, $25K -> 25000). Booleans are JSON booleans.
      - "created today" is {"field": "createdAt", "operator": ">=", "value": "today"}; "in the
        last 7 days" uses "today-7d".
      - Durations: "two weeks" -> P14D, "48 hours" -> PT48H.
      - "If no reply after 5 days, X" is a wait P5D step followed by an if on
        contact.replied == false whose then is X.
      - Steps and filters keep the order of the text; actions after a search apply to each
        contact found and follow it as sibling steps.
      - Never guess. If any part of the text asks for something these actions cannot do, or
        cannot be understood, answer {"error": "<which part and why>"} instead of a plan.

      Example: "Tag them as VIP, wait a day, then email them the 'Welcome' template" ->
      {"steps": [{"type": "add_tag", "params": {"tags": ["VIP"]}},
       {"type": "wait", "params": {"duration": "P1D"}},
       {"type": "send_email", "params": {"template": "Welcome"}}]}
      Example: "If the lead score is above 70, loop in @user.salesRep; otherwise add tag
      'Nurture'" ->
      {"steps": [{"type": "if", "condition": {"field": "contact.leadScore", "operator": ">",
       "value": 70}, "then": [{"type": "handoff", "params": {"to": "@user.salesRep"}}],
       "else": [{"type": "add_tag", "params": {"tags": ["Nurture"]}}]}]}
      Example: "Reserve a table for two" -> {"error": "'Reserve a table for two' is not an
      action Switchboard can run"}
      """;

  /** The answer's JSON schema: a plan of (recursive) steps, or an error. */
  static JsonSchema schema() {
    List<String> types = new ArrayList<>();
    Arrays.stream(ActionType.values()).forEach(t -> types.add(t.wireName()));
    types.add("if");
    JsonReferenceSchema stepRef = JsonReferenceSchema.builder().reference("step").build();
    JsonReferenceSchema conditionRef = JsonReferenceSchema.builder().reference("condition").build();
    JsonArraySchema steps = JsonArraySchema.builder().items(stepRef).build();
    JsonObjectSchema step =
        JsonObjectSchema.builder()
            .addProperty("type", JsonEnumSchema.builder().enumValues(types).build())
            .addProperty(
                "params",
                JsonObjectSchema.builder()
                    .description("The action's parameters")
                    .additionalProperties(true)
                    .build())
            .addProperty("condition", conditionRef)
            .addProperty("then", steps)
            .addProperty("else", steps)
            .required("type")
            .build();
    JsonObjectSchema condition =
        JsonObjectSchema.builder()
            .addStringProperty("field")
            .addProperty(
                "operator",
                JsonEnumSchema.builder()
                    .enumValues(Arrays.stream(Operator.values()).map(Operator::symbol).toList())
                    .build())
            .addProperty(
                "value",
                JsonAnyOfSchema.builder()
                    .anyOf(new JsonStringSchema(), new JsonNumberSchema(), new JsonBooleanSchema())
                    .build())
            .addProperty("all", JsonArraySchema.builder().items(conditionRef).build())
            .addProperty("any", JsonArraySchema.builder().items(conditionRef).build())
            .addProperty("not", conditionRef)
            .build();
    JsonObjectSchema root =
        JsonObjectSchema.builder()
            .addProperty("steps", steps)
            .addStringProperty("error", "Why the instructions cannot be compiled, if they cannot")
            .definitions(Map.of("step", step, "condition", condition))
            .build();
    return JsonSchema.builder().name("switchboard_plan").rootElement(root).build();
  }
}
