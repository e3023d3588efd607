package dev.switchboard.crm;

import dev.switchboard.workspace.WorkspaceCreated;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * With {@code SWITCHBOARD_DEMO=true}, gives the first workspace sample CRM data: ten contacts
 * (three CEOs), three companies, two deals, two tags and the "Outbound v2" template the demo agent
 * uses.
 */
@Component
class DemoContacts {

  private static final Logger log = LoggerFactory.getLogger(DemoContacts.class);

  private final boolean enabled;
  private final Contacts contacts;
  private final Companies companies;
  private final Deals deals;
  private final EmailTemplates templates;

  DemoContacts(
      @Value("${switchboard.demo}") boolean enabled,
      Contacts contacts,
      Companies companies,
      Deals deals,
      EmailTemplates templates) {
    this.enabled = enabled;
    this.contacts = contacts;
    this.companies = companies;
    this.deals = deals;
    this.templates = templates;
  }

  /** Runs before the demo agents' first run, so a CEO search finds these contacts. */
  @EventListener
  @Order(0)
  void seed(WorkspaceCreated created) {
    if (enabled && created.firstStart()) {
      seed(created.workspaceId());
      log.info("Demo CRM ready: 10 contacts, 3 companies, 2 deals, template 'Outbound v2'");
    }
  }

  void seed(UUID ws) {
    String acme =
        id(companies.create(ws, company("Acme Corp", "acme.com", "Manufacturing", "200")));
    String globex = id(companies.create(ws, company("Globex", "globex.io", "Software", "50")));
    String initech = id(companies.create(ws, company("Initech", "initech.com", "Finance", "1000")));
    Map<String, Object> john =
        contact(
            "John",
            "Doe",
            "john@acme.com",
            "CEO",
            acme,
            "https://linkedin.com/in/johndoe",
            List.of("vip"));
    String johnId = contacts.create(ws, john).id().toString();
    contacts.create(
        ws,
        contact("Mary", "Major", "mary@acme.com", "Head of Sales", acme, null, List.of("lead")));
    String anaId =
        contacts
            .create(
                ws,
                contact(
                    "Ana",
                    "Lima",
                    "ana@globex.io",
                    "Co-founder & CEO",
                    globex,
                    "https://linkedin.com/in/analima",
                    List.of("lead")))
            .id()
            .toString();
    contacts.create(
        ws,
        contact(
            "Bob",
            "Stone",
            "bob@globex.io",
            "CTO",
            globex,
            "https://linkedin.com/in/bobstone",
            List.of()));
    contacts.create(
        ws, contact("Peter", "Gibbons", "peter@initech.com", "Engineer", initech, null, List.of()));
    contacts.create(
        ws, contact("Bill", "Lumbergh", "bill@initech.com", "CEO", initech, null, List.of("vip")));
    contacts.create(
        ws,
        contact(
            "Sara",
            "Ng",
            "sara@example.org",
            "Marketing Manager",
            null,
            "https://linkedin.com/in/sarang",
            List.of("lead")));
    contacts.create(
        ws, contact("Tom", "Hale", "tom@example.org", "Sales Rep", null, null, List.of()));
    contacts.create(
        ws, contact("Ivy", "Chen", "ivy@example.org", "Product Manager", null, null, List.of()));
    contacts.create(
        ws, contact("Leo", "Park", "leo@example.org", "Consultant", null, null, List.of()));
    deals.create(
        ws,
        Map.of(
            "name",
            "Acme rollout",
            "value",
            50000,
            "stage",
            "Proposal",
            "contactId",
            johnId,
            "companyId",
            acme));
    deals.create(
        ws,
        Map.of(
            "name",
            "Globex pilot",
            "value",
            12000,
            "stage",
            "Qualified",
            "contactId",
            anaId,
            "companyId",
            globex));
    templates.create(
        ws,
        Map.of(
            "name",
            "Outbound v2",
            "subject",
            "Quick question about @company.name",
            "body",
            "Hi @contact.firstName,\n\nI noticed @company.name is growing fast. Would a 15-minute"
                + " call next week make sense to see if we can help?\n\nBest regards"));
  }

  private static String id(Map<String, Object> row) {
    return (String) row.get("id");
  }

  private static Map<String, Object> company(
      String name, String domain, String industry, String size) {
    return Map.of("name", name, "domain", domain, "industry", industry, "size", size);
  }

  private static Map<String, Object> contact(
      String first,
      String last,
      String email,
      String title,
      String companyId,
      String linkedin,
      List<String> tags) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("firstName", first);
    m.put("lastName", last);
    m.put("email", email);
    m.put("title", title);
    if (companyId != null) {
      m.put("companyId", companyId);
    }
    if (linkedin != null) {
      m.put("linkedinUrl", linkedin);
    }
    m.put("tags", tags);
    return m;
  }
}
