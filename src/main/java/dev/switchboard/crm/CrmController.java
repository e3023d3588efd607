package dev.switchboard.crm;

import dev.switchboard.api.ApiException;
import dev.switchboard.api.ApiResponse;
import dev.switchboard.workspace.Caller;
import dev.switchboard.workspace.WorkspaceAccess;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The smaller CRM records: companies, deals, tags, activities, email templates, custom fields and
 * forms. Members read; viewers cannot write (403).
 */
@RestController
@RequestMapping("/api/workspaces/{ws}")
class CrmController {

  private final WorkspaceAccess access;
  private final Companies companies;
  private final Deals deals;
  private final Tags tags;
  private final Activities activities;
  private final EmailTemplates templates;
  private final CustomFields customFields;
  private final Forms forms;
  private final Contacts contacts;

  CrmController(
      WorkspaceAccess access,
      Companies companies,
      Deals deals,
      Tags tags,
      Activities activities,
      EmailTemplates templates,
      CustomFields customFields,
      Forms forms,
      Contacts contacts) {
    this.access = access;
    this.companies = companies;
    this.deals = deals;
    this.tags = tags;
    this.activities = activities;
    this.templates = templates;
    this.customFields = customFields;
    this.forms = forms;
    this.contacts = contacts;
  }

  // Companies

  @GetMapping("/companies")
  Map<String, Object> companies(
      Caller caller, @PathVariable UUID ws, @RequestParam(required = false) String search) {
    access.member(caller, ws);
    return ApiResponse.ok(companies.list(ws, search));
  }

  @PostMapping("/companies")
  @ResponseStatus(HttpStatus.CREATED)
  Map<String, Object> createCompany(
      Caller caller, @PathVariable UUID ws, @RequestBody Map<String, Object> body) {
    access.writer(caller, ws);
    return ApiResponse.ok(companies.create(ws, body));
  }

  @GetMapping("/companies/{companyId}")
  Map<String, Object> company(Caller caller, @PathVariable UUID ws, @PathVariable UUID companyId) {
    access.member(caller, ws);
    return ApiResponse.ok(companies.require(ws, companyId));
  }

  @PutMapping("/companies/{companyId}")
  Map<String, Object> updateCompany(
      Caller caller,
      @PathVariable UUID ws,
      @PathVariable UUID companyId,
      @RequestBody Map<String, Object> body) {
    access.writer(caller, ws);
    return ApiResponse.ok(companies.update(ws, companyId, body));
  }

  @DeleteMapping("/companies/{companyId}")
  Map<String, Object> deleteCompany(
      Caller caller, @PathVariable UUID ws, @PathVariable UUID companyId) {
    access.writer(caller, ws);
    companies.delete(ws, companyId);
    return deleted(companyId);
  }

  // Deals

  @GetMapping("/deals")
  Map<String, Object> deals(
      Caller caller, @PathVariable UUID ws, @RequestParam(required = false) UUID contactId) {
    access.member(caller, ws);
    return ApiResponse.ok(deals.list(ws, contactId));
  }

  @PostMapping("/deals")
  @ResponseStatus(HttpStatus.CREATED)
  Map<String, Object> createDeal(
      Caller caller, @PathVariable UUID ws, @RequestBody Map<String, Object> body) {
    access.writer(caller, ws);
    return ApiResponse.ok(deals.create(ws, body));
  }

  @GetMapping("/deals/{dealId}")
  Map<String, Object> deal(Caller caller, @PathVariable UUID ws, @PathVariable UUID dealId) {
    access.member(caller, ws);
    return ApiResponse.ok(deals.require(ws, dealId));
  }

  @PutMapping("/deals/{dealId}")
  Map<String, Object> updateDeal(
      Caller caller,
      @PathVariable UUID ws,
      @PathVariable UUID dealId,
      @RequestBody Map<String, Object> body) {
    access.writer(caller, ws);
    return ApiResponse.ok(deals.update(ws, dealId, body));
  }

  @DeleteMapping("/deals/{dealId}")
  Map<String, Object> deleteDeal(Caller caller, @PathVariable UUID ws, @PathVariable UUID dealId) {
    access.writer(caller, ws);
    deals.delete(ws, dealId);
    return deleted(dealId);
  }

  // Tags

  @GetMapping("/tags")
  Map<String, Object> tags(Caller caller, @PathVariable UUID ws) {
    access.member(caller, ws);
    return ApiResponse.ok(tags.list(ws));
  }

  @PostMapping("/tags")
  @ResponseStatus(HttpStatus.CREATED)
  Map<String, Object> createTag(
      Caller caller, @PathVariable UUID ws, @RequestBody Map<String, Object> body) {
    access.writer(caller, ws);
    return ApiResponse.ok(tags.create(ws, Body.of(body, Set.of("name")).requiredText("name", 100)));
  }

  @DeleteMapping("/tags/{tagId}")
  Map<String, Object> deleteTag(Caller caller, @PathVariable UUID ws, @PathVariable UUID tagId) {
    access.writer(caller, ws);
    tags.delete(ws, tagId);
    return deleted(tagId);
  }

  // Activities

  @GetMapping("/activities")
  Map<String, Object> activities(
      Caller caller, @PathVariable UUID ws, @RequestParam(required = false) UUID contactId) {
    access.member(caller, ws);
    if (contactId != null) {
      contacts.require(ws, contactId);
    }
    return ApiResponse.ok(activities.list(ws, contactId));
  }

  @PostMapping("/activities")
  @ResponseStatus(HttpStatus.CREATED)
  Map<String, Object> note(
      Caller caller, @PathVariable UUID ws, @RequestBody Map<String, Object> values) {
    access.writer(caller, ws);
    Body body = Body.of(values, Set.of("contactId", "type", "text"));
    UUID contactId = body.uuid("contactId");
    if (contactId == null) {
      throw ApiException.invalid("contactId", "Field 'contactId' is required");
    }
    contacts.require(ws, contactId);
    String type = body.text("type", 40);
    activities.record(
        ws, contactId, type == null ? "note" : type, body.requiredText("text", 2000), null);
    return ApiResponse.ok(activities.list(ws, contactId).getFirst());
  }

  // Email templates

  @GetMapping("/email-templates")
  Map<String, Object> templates(Caller caller, @PathVariable UUID ws) {
    access.member(caller, ws);
    return ApiResponse.ok(templates.list(ws));
  }

  @PostMapping("/email-templates")
  @ResponseStatus(HttpStatus.CREATED)
  Map<String, Object> createTemplate(
      Caller caller, @PathVariable UUID ws, @RequestBody Map<String, Object> body) {
    access.writer(caller, ws);
    return ApiResponse.ok(templates.create(ws, body));
  }

  @GetMapping("/email-templates/{templateId}")
  Map<String, Object> template(
      Caller caller, @PathVariable UUID ws, @PathVariable UUID templateId) {
    access.member(caller, ws);
    return ApiResponse.ok(templates.require(ws, templateId));
  }

  @PutMapping("/email-templates/{templateId}")
  Map<String, Object> updateTemplate(
      Caller caller,
      @PathVariable UUID ws,
      @PathVariable UUID templateId,
      @RequestBody Map<String, Object> body) {
    access.writer(caller, ws);
    return ApiResponse.ok(templates.update(ws, templateId, body));
  }

  @DeleteMapping("/email-templates/{templateId}")
  Map<String, Object> deleteTemplate(
      Caller caller, @PathVariable UUID ws, @PathVariable UUID templateId) {
    access.writer(caller, ws);
    templates.delete(ws, templateId);
    return deleted(templateId);
  }

  // Custom fields

  @GetMapping("/custom-fields")
  Map<String, Object> customFields(
      Caller caller, @PathVariable UUID ws, @RequestParam(required = false) String entity) {
    access.member(caller, ws);
    return ApiResponse.ok(
        customFields.list(ws, entity).stream().map(CustomFields.Definition::view).toList());
  }

  @PostMapping("/custom-fields")
  @ResponseStatus(HttpStatus.CREATED)
  Map<String, Object> createCustomField(
      Caller caller, @PathVariable UUID ws, @RequestBody Map<String, Object> body) {
    access.writer(caller, ws);
    return ApiResponse.ok(customFields.create(ws, body).view());
  }

  @GetMapping("/custom-fields/{fieldId}")
  Map<String, Object> customField(
      Caller caller, @PathVariable UUID ws, @PathVariable UUID fieldId) {
    access.member(caller, ws);
    return ApiResponse.ok(customFields.require(ws, fieldId).view());
  }

  @DeleteMapping("/custom-fields/{fieldId}")
  Map<String, Object> deleteCustomField(
      Caller caller, @PathVariable UUID ws, @PathVariable UUID fieldId) {
    access.writer(caller, ws);
    customFields.delete(ws, fieldId);
    return deleted(fieldId);
  }

  // Forms

  @GetMapping("/forms")
  Map<String, Object> forms(Caller caller, @PathVariable UUID ws) {
    access.member(caller, ws);
    return ApiResponse.ok(forms.list(ws));
  }

  @PostMapping("/forms")
  @ResponseStatus(HttpStatus.CREATED)
  Map<String, Object> createForm(
      Caller caller, @PathVariable UUID ws, @RequestBody Map<String, Object> body) {
    access.writer(caller, ws);
    return ApiResponse.ok(forms.create(ws, body));
  }

  @GetMapping("/forms/{formId}")
  Map<String, Object> form(Caller caller, @PathVariable UUID ws, @PathVariable UUID formId) {
    access.member(caller, ws);
    return ApiResponse.ok(forms.require(ws, formId));
  }

  @PutMapping("/forms/{formId}")
  Map<String, Object> updateForm(
      Caller caller,
      @PathVariable UUID ws,
      @PathVariable UUID formId,
      @RequestBody Map<String, Object> body) {
    access.writer(caller, ws);
    return ApiResponse.ok(forms.update(ws, formId, body));
  }

  @DeleteMapping("/forms/{formId}")
  Map<String, Object> deleteForm(Caller caller, @PathVariable UUID ws, @PathVariable UUID formId) {
    access.writer(caller, ws);
    forms.delete(ws, formId);
    return deleted(formId);
  }

  @PostMapping("/forms/{formId}/submissions")
  @ResponseStatus(HttpStatus.CREATED)
  Map<String, Object> submit(
      Caller caller,
      @PathVariable UUID ws,
      @PathVariable UUID formId,
      @RequestBody Map<String, Object> body) {
    access.writer(caller, ws);
    return ApiResponse.ok(forms.submit(ws, formId, body));
  }

  private static Map<String, Object> deleted(UUID id) {
    return ApiResponse.ok(Map.of("id", id.toString(), "deleted", true));
  }
}
