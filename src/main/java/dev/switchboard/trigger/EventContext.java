package dev.switchboard.trigger;

import dev.switchboard.crm.CrmEvent;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The variables a CRM event gives its runs: {@code @contact.*} and {@code @company.*} (the
 * contact's, or the deal's); {@code @deal.*} with {@code stage} and {@code previousStage}; {@code
 * @form.*} (the submitted fields, plus {@code formId} and {@code formName}) with the form's
 * contact.
 */
final class EventContext {

  private EventContext() {}

  static Map<String, Object> variables(CrmEvent event) {
    Map<String, Object> payload = event.payload();
    Map<String, Object> out = new LinkedHashMap<>();
    if (payload.get("contact") instanceof Map<?, ?> contact) {
      out.put("contact", contact);
    }
    if (payload.get("company") instanceof Map<?, ?> company) {
      out.put("company", company);
    }
    if (payload.get("deal") instanceof Map<?, ?> deal) {
      Map<Object, Object> withStages = new LinkedHashMap<>(deal);
      withStages.put("previousStage", payload.get("previousStage"));
      withStages.put("stage", payload.get("newStage"));
      out.put("deal", withStages);
    }
    if (payload.get("form") instanceof Map<?, ?> submission) {
      Map<Object, Object> form = new LinkedHashMap<>();
      if (submission.get("data") instanceof Map<?, ?> data) {
        form.putAll(data);
      }
      form.put("formId", submission.get("formId"));
      form.put("formName", submission.get("formName"));
      out.put("form", form);
    }
    return out;
  }

  /** The id of the submitted form, for {@code form.submitted}. */
  static String formId(CrmEvent event) {
    return event.payload().get("form") instanceof Map<?, ?> submission
        ? String.valueOf(submission.get("formId"))
        : null;
  }
}
