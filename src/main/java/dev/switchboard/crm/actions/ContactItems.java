package dev.switchboard.crm.actions;

import dev.switchboard.crm.Companies;
import dev.switchboard.crm.Contact;
import dev.switchboard.crm.Deals;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Contacts as the item bindings actions see: {@code {contact, company?, deal?}} (the shape {@link
 * Crm} documents), loaded for many contacts with a few queries.
 */
@Component
class ContactItems {

  private final JdbcClient jdbc;
  private final Companies companies;
  private final Deals deals;

  ContactItems(JdbcClient jdbc, Companies companies, Deals deals) {
    this.jdbc = jdbc;
    this.companies = companies;
    this.deals = deals;
  }

  List<Map<String, Object>> of(UUID ws, List<Contact> contacts) {
    List<UUID> ids = contacts.stream().map(Contact::id).toList();
    Map<UUID, Map<String, Object>> latestDeals = deals.latestOf(ws, ids);
    Map<UUID, Map<String, Object>> companyById =
        companiesById(
            ws,
            contacts.stream().map(Contact::companyId).filter(Objects::nonNull).distinct().toList());
    List<Map<String, Object>> items = new ArrayList<>(contacts.size());
    for (Contact c : contacts) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("contact", c.view());
      Map<String, Object> company = c.companyId() == null ? null : companyById.get(c.companyId());
      if (company != null) {
        item.put("company", company);
      }
      Map<String, Object> deal = latestDeals.get(c.id());
      if (deal != null) {
        item.put("deal", deal);
      }
      items.add(item);
    }
    return items;
  }

  private Map<UUID, Map<String, Object>> companiesById(UUID ws, List<UUID> ids) {
    Map<UUID, Map<String, Object>> out = new LinkedHashMap<>();
    for (int from = 0; from < ids.size(); from += 500) {
      List<UUID> chunk = ids.subList(from, Math.min(from + 500, ids.size()));
      List<Object> params = new ArrayList<>();
      params.add(ws);
      params.addAll(chunk);
      jdbc.sql(
              "select * from companies where workspace_id = ? and id in ("
                  + String.join(", ", Collections.nCopies(chunk.size(), "?"))
                  + ")")
          .params(params)
          .query(companies::row)
          .list()
          .forEach(co -> out.put(UUID.fromString((String) co.get("id")), co));
    }
    return out;
  }
}
