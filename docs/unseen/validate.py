#!/usr/bin/env python3
"""Checks a labelled batch file against the plan schema of SPEC.md. Usage: validate.py FILE PREFIX"""
import json, re, sys

ACTIONS = {
    "search_contacts": ({"filters"}, {"match"}),
    "send_email": (set(), {"template", "subject", "body", "to"}),
    "linkedin_invite": (set(), {"note"}),
    "web_search": ({"query"}, {"maxResults"}),
    "create_task": ({"title"}, {"dueInDays", "assignee"}),
    "add_tag": ({"tags"}, set()),
    "remove_tag": ({"tags"}, set()),
    "update_field": ({"entity", "field", "value"}, set()),
    "enrich_contact": (set(), {"provider"}),
    "wait": ({"duration"}, set()),
    "handoff": ({"to"}, {"message"}),
    "remember": ({"key", "value"}, set()),
}
OPS = {"==", "!=", ">", "<", ">=", "<=", "contains", "exists"}
errors = []

def err(case, msg):
    errors.append(f"{case}: {msg}")

def condition(case, c):
    if not isinstance(c, dict):
        return err(case, f"condition is not an object: {c!r}")
    if set(c) == {"all"} or set(c) == {"any"}:
        parts = next(iter(c.values()))
        if not isinstance(parts, list) or len(parts) < 2:
            err(case, "all/any needs a list of at least two conditions")
        for p in parts or []:
            condition(case, p)
    elif set(c) == {"not"}:
        condition(case, c["not"])
    elif set(c) == {"field", "operator", "value"}:
        if c["operator"] not in OPS:
            err(case, f"unknown operator {c['operator']}")
        if not re.fullmatch(r"(contact|deal|company|form|memory)\.\w+", c["field"]):
            err(case, f"condition field must be qualified: {c['field']}")
        if c["operator"] == "exists" and c["value"] is not True:
            err(case, "exists carries value true")
    else:
        err(case, f"bad condition keys {sorted(c)}")

def steps(case, items):
    if not isinstance(items, list) or not items:
        return err(case, "steps must be a non-empty list")
    for s in items:
        if s.get("type") == "if":
            if set(s) - {"type", "condition", "then", "else"} or "condition" not in s or "then" not in s:
                err(case, f"bad if keys {sorted(s)}")
            condition(case, s.get("condition"))
            steps(case, s.get("then"))
            if s.get("else"):
                steps(case, s["else"])
            continue
        t = s.get("type")
        if t not in ACTIONS:
            err(case, f"unknown step type {t}")
            continue
        if set(s) != {"type", "params"}:
            err(case, f"step keys must be type and params: {sorted(s)}")
        p = s.get("params", {})
        need, opt = ACTIONS[t]
        if need - set(p):
            err(case, f"{t} lacks {sorted(need - set(p))}")
        if set(p) - need - opt:
            err(case, f"{t} has unknown params {sorted(set(p) - need - opt)}")
        if t == "send_email" and not ("template" in p or {"subject", "body"} <= set(p)):
            err(case, "send_email needs template or subject+body")
        if t == "wait" and not re.fullmatch(r"P(\d+D|T\d+H|T\d+M)", str(p.get("duration"))):
            err(case, f"wait duration {p.get('duration')}")
        if t == "search_contacts":
            for f in p.get("filters", []):
                if set(f) != {"field", "operator", "value"} or f["operator"] not in OPS or "." in f["field"]:
                    err(case, f"bad filter {f}")
            if p.get("match", "all") not in ("all", "any"):
                err(case, "match is all or any")
        if t in ("add_tag", "remove_tag") and not (isinstance(p.get("tags"), list) and p["tags"]):
            err(case, "tags must be a non-empty list")
        if t == "update_field" and p.get("entity") not in ("contact", "deal", "company"):
            err(case, "entity is contact, deal or company")
        if t == "web_search" and "maxResults" in p and not isinstance(p["maxResults"], int):
            err(case, "maxResults is a number")
        if t == "create_task" and "dueInDays" in p and not isinstance(p["dueInDays"], int):
            err(case, "dueInDays is a number")

path, prefix = sys.argv[1], sys.argv[2]
ids, refusals, n = set(), 0, 0
for no, line in enumerate(open(path, encoding="utf-8"), 1):
    if not line.strip():
        continue
    n += 1
    try:
        case = json.loads(line)
    except ValueError as e:
        errors.append(f"line {no}: not JSON: {e}")
        continue
    cid = case.get("id", f"line {no}")
    if not re.fullmatch(prefix + r"-\d{3}", cid):
        err(cid, f"id must look like {prefix}-001")
    if cid in ids:
        err(cid, "duplicate id")
    ids.add(cid)
    if not isinstance(case.get("instructions"), str) or not case["instructions"].strip():
        err(cid, "instructions must be non-empty text")
    if "error" in case:
        refusals += 1
        if case["error"] != "UNPARSEABLE_INSTRUCTIONS" or "plan" in case:
            err(cid, "an error case has only id, instructions and error UNPARSEABLE_INSTRUCTIONS")
    elif set(case.get("plan", {})) == {"steps"}:
        steps(cid, case["plan"]["steps"])
    else:
        err(cid, "plan must be {\"steps\": [...]}")
print(f"{n} cases, {refusals} refusals, {len(errors)} problems")
for e in errors:
    print(" ", e)
sys.exit(1 if errors else 0)
