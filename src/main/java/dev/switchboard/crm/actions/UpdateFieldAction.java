package dev.switchboard.crm.actions;

import dev.switchboard.crm.Body;
import dev.switchboard.crm.ContactStore;
import dev.switchboard.crm.CrmJson;
import dev.switchboard.crm.CustomFields;
import dev.switchboard.crm.Deals;
import dev.switchboard.crm.Fields;
import dev.switchboard.crm.Rows;
import dev.switchboard.plan.ActionType;
import dev.switchboard.workflow.ActionCall;
import dev.switchboard.workflow.ActionFailure;
import dev.switchboard.workflow.ActionHandler;
import dev.switchboard.workflow.ActionResult;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * update_field: one standard or custom field of the item's contact, deal or company. A standard
 * field is one UPDATE, so the interpreter's call per contact stays cheap in bulk.
 */
@Component
class UpdateFieldAction implements ActionHandler {

  /** Fields a person or an agent never sets directly. */
  private static final Set<String> FIXED = Set.of("id", "createdAt", "updatedAt");

  private final JdbcClient jdbc;
  private final ContactStore contacts;
  private final Deals deals;
  private final CustomFields customFields;
  private final CrmJson json;
  private final TransactionTemplate tx;
  private final Clock clock;

  UpdateFieldAction(
      JdbcClient jdbc,
      ContactStore contacts,
      Deals deals,
      CustomFields customFields,
      CrmJson json,
      TransactionTemplate tx,
      Clock clock) {
    this.jdbc = jdbc;
    this.contacts = contacts;
    this.deals = deals;
    this.customFields = customFields;
    this.json = json;
    this.tx = tx;
    this.clock = clock;
  }

  @Override
  public ActionType type() {
    return ActionType.UPDATE_FIELD;
  }

  @Override
  public ActionResult execute(ActionCall call) {
    String entity = String.valueOf(call.params().get("entity")).strip().toLowerCase(Locale.ROOT);
    if (!CustomFields.ENTITIES.contains(entity)) {
      throw new ActionFailure("entity must be contact, deal or company, not '" + entity + "'");
    }
    String field = String.valueOf(call.params().get("field")).strip();
    if (field.startsWith(entity + ".")) {
      field = field.substring(entity.length() + 1);
    }
    if (field.startsWith("customFields.")) {
      field = field.substring("customFields.".length());
    }
    Object value = call.params().get("value");
    UUID ws = call.workspaceId();
    String column = Fields.of(entity).get(field);
    if (FIXED.contains(field)) {
      throw new ActionFailure("Field '" + field + "' cannot be changed");
    }
    Object stored;
    CustomFields.Definition custom = null;
    if (column != null) {
      stored = standard(entity, field, value);
    } else {
      String name = field;
      custom =
          customFields
              .find(ws, entity, name)
              .orElseThrow(() -> new ActionFailure(CustomFields.notFound(name)));
      try {
        stored = value == null ? null : CustomFields.coerce(custom, value);
      } catch (CustomFields.BadValue e) {
        throw new ActionFailure(e.getMessage());
      }
    }
    Optional<UUID> id = Items.id(call.item(), entity);
    if (id.isEmpty()) {
      return new ActionResult.Skipped(
          "No " + entity + " to update for " + Items.contactName(call.item()));
    }
    Instant now = clock.instant();
    String f = field;
    CustomFields.Definition def = custom;
    try {
      tx.executeWithoutResult(s -> {
        if (def == null) {
          setStandard(ws, entity, id.get(), f, column, stored, now);
        } else if (entity.equals("contact")) {
          contacts.setCustomValue(ws, id.get(), f, stored, now);
        } else {
          setCustom(ws, entity, id.get(), f, stored, now);
        }
      });
    } catch (DuplicateKeyException e) {
      throw new ActionFailure("Another contact already has the email " + stored);
    } catch (DataIntegrityViolationException e) {
      throw new ActionFailure(
          "Cannot set " + entity + "." + f + " to " + stored + ": no such record");
    }
    call.log()
        .info(
            "Updated "
                + entity
                + "."
                + f
                + " to "
                + stored
                + " for "
                + Items.contactName(call.item()));
    Map<String, Object> output = new LinkedHashMap<>();
    output.put("entity", entity);
    output.put("id", id.get().toString());
    output.put("field", f);
    output.put("value", stored instanceof BigDecimal d ? Deals.plain(d) : stored);
    return new ActionResult.Done(output, Map.of("fieldsUpdated", 1));
  }

  private static Object standard(String entity, String field, Object value) {
    String text = value == null ? null : String.valueOf(value).strip();
    return switch (entity + "." + field) {
      case "contact.replied" -> {
        if (value instanceof Boolean b) {
          yield b;
        }
        if ("true".equalsIgnoreCase(text) || "false".equalsIgnoreCase(text)) {
          yield Boolean.parseBoolean(text.toLowerCase(Locale.ROOT));
        }
        throw new ActionFailure("Field 'replied' must be true or false");
      }
      case "contact.email" -> {
        if (!Body.validEmail(text)) {
          throw new ActionFailure("Invalid email address: " + text);
        }
        yield text;
      }
      case "deal.value" -> {
        try {
          yield text == null ? null : new BigDecimal(text.replace(",", "").replace("$", ""));
        } catch (NumberFormatException e) {
          throw new ActionFailure("Field 'value' must be a number, not '" + text + "'");
        }
      }
      case "contact.companyId", "deal.contactId", "deal.companyId" -> {
        try {
          yield text == null || text.isEmpty() ? null : UUID.fromString(text);
        } catch (IllegalArgumentException e) {
          throw new ActionFailure("Field '" + field + "' must be an id");
        }
      }
      default -> {
        if ("name".equals(field) && (text == null || text.isEmpty())) {
          throw new ActionFailure("Field 'name' cannot be empty");
        }
        if (text != null && text.length() > 500) {
          throw new ActionFailure("Field '" + field + "' is too long (at most 500 characters)");
        }
        yield text == null || text.isEmpty() ? null : text;
      }
    };
  }

  private void setStandard(
      UUID ws, String entity, UUID id, String field, String column, Object value, Instant now) {
    if (entity.equals("deal") && field.equals("stage")) {
      deals.set(ws, id, column, value);
      return;
    }
    String table = Fields.table(entity);
    String extra = entity.equals("contact") && field.equals("email") ? ", email_lower = ?" : "";
    var statement =
        jdbc.sql(
            "update "
                + table
                + " set "
                + column
                + " = ?"
                + extra
                + ", updated_at = ? where workspace_id = ? and id = ?");
    int changed =
        (extra.isEmpty()
                ? statement.params(value, Rows.utc(now), ws, id)
                : statement.params(
                    value, String.valueOf(value).toLowerCase(Locale.ROOT), Rows.utc(now), ws, id))
            .update();
    if (changed == 0) {
      throw new ActionFailure("The " + entity + " no longer exists");
    }
  }

  private void setCustom(UUID ws, String entity, UUID id, String name, Object value, Instant now) {
    String table = Fields.table(entity);
    String current =
        jdbc.sql(
                "select custom_fields from "
                    + table
                    + " where workspace_id = ? and id = ? for update")
            .params(ws, id)
            .query(String.class)
            .optional()
            .orElse(null);
    Map<String, Object> values = json.map(current);
    if (value == null) {
      values.remove(name);
    } else {
      values.put(name, value);
    }
    jdbc.sql(
            "update "
                + table
                + " set custom_fields = ?, updated_at = ? where workspace_id = ? and id = ?")
        .params(values.isEmpty() ? null : json.write(values), Rows.utc(now), ws, id)
        .update();
  }
}
