package dev.switchboard.crm.actions;

import dev.switchboard.crm.Contact;
import dev.switchboard.crm.ContactStore;
import dev.switchboard.crm.CustomFields;
import dev.switchboard.plan.ActionType;
import dev.switchboard.workflow.ActionCall;
import dev.switchboard.workflow.ActionFailure;
import dev.switchboard.workflow.ActionHandler;
import dev.switchboard.workflow.ActionResult;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * search_contacts: the plan's filters (joined by {@code match}) and the trigger's filters (always
 * all of them) in one query; at most {@value #CAP} contacts, oldest first.
 */
@Component
class SearchContactsAction implements ActionHandler {

  static final int CAP = 10_000;

  private final ContactStore store;
  private final CustomFields customFields;
  private final ContactItems items;
  private final Clock clock;

  SearchContactsAction(
      ContactStore store, CustomFields customFields, ContactItems items, Clock clock) {
    this.store = store;
    this.customFields = customFields;
    this.items = items;
    this.clock = clock;
  }

  @Override
  public ActionType type() {
    return ActionType.SEARCH_CONTACTS;
  }

  @Override
  public ActionResult execute(ActionCall call) {
    Map<String, CustomFields.Definition> custom = new LinkedHashMap<>();
    customFields.list(call.workspaceId(), "contact").forEach(d -> custom.put(d.name(), d));
    ContactSearch search = new ContactSearch(custom, clock.instant(), call.log()::warn);
    ContactSearch.Where planned =
        search.where(list(call.params().get("filters")), (String) call.params().get("match"));
    StringBuilder where = new StringBuilder("c.workspace_id = ? and (" + planned.sql() + ")");
    List<Object> params = new ArrayList<>();
    params.add(call.workspaceId());
    params.addAll(planned.params());
    if (call.variables().get("trigger") instanceof Map<?, ?> trigger
        && trigger.get("filters") instanceof List<?> filters
        && !filters.isEmpty()) {
      ContactSearch.Where extra = search.where(filters, "all");
      where.append(" and (").append(extra.sql()).append(")");
      params.addAll(extra.params());
      call.log().info("Trigger filters apply: " + filters);
    }
    params.add(CAP + 1);
    List<Contact> found =
        new ArrayList<>(
            store.select(where.toString(), params, "order by c.created_at, c.id limit ?"));
    if (found.size() > CAP) {
      found = found.subList(0, CAP);
      call.log()
          .warn("More than " + CAP + " contacts match; only the first " + CAP + " are processed");
    }
    return new ActionResult.Found(items.of(call.workspaceId(), found));
  }

  private static List<?> list(Object filters) {
    if (filters == null) {
      return List.of();
    }
    if (!(filters instanceof List<?> l)) {
      throw new ActionFailure("filters must be a list");
    }
    return l;
  }
}
