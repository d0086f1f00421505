"""Renders the access matrix as docs/permissions.md, readable by a non-programmer."""

from __future__ import annotations

from empact.access.matrix import CREATE_ONLY, MATRIX, Matrix, ObjectType, Rule
from empact.access.roles import role_spec

RELATION_WORDS = {
    "all": "all",
    "cycle": "in their cycles",
    "plan": "in their plan",
    "action": "in their action",
    "country": "actions of their country",
    "own_country": "of their country",
    "own": "their own",
    "object": "as on the object it is about",
}
STATE_WORDS = {
    "editable": "while the plan is a draft or returned",
    "open": "while the report is a draft or returned",
    "amendable": "while the amendment is a draft or returned",
    "draft": "while a draft",
    "granted": "once granted",
    "unvalidated": "until Europol validates it",
    "published": "once published",
    "adopted": "once adopted",
    "proposed": "until COSI decides",
    "current": "while open-ended",
    "national": "people of their country, in a plan or an action",
}
ACTION_WORDS = {
    "view": "see",
    "add": "create",
    "change": "edit",
    "delete": "delete",
    "assign": "assign roles in it",
}


def describe(rules: tuple[Rule, ...]) -> str:
    if not rules:
        return "-"
    parts = []
    for rule in rules:
        text = RELATION_WORDS[rule.relation]
        if rule.state:
            text += f" ({STATE_WORDS.get(rule.state, rule.state)})"
        parts.append(text)
    return " or ".join(parts)


def _field_rights(object_type: ObjectType, roles, labels) -> list[str]:
    """The fields each role may write on this type: a row per field."""
    if not object_type.fields:
        return ["Nothing of it can be written: it changes only through its steps.", ""]
    lines = [
        "Who may write which field (any other field is read-only: it changes only through a step):",
        "",
        "| field | " + " | ".join(labels[r] for r in roles) + " |",
        "|---" * (len(roles) + 1) + "|",
    ]
    for name, grant in object_type.fields.items():
        if grant == CREATE_ONLY:
            cells = ["when creating" if object_type.rules("add", role) else "-" for role in roles]
        else:
            cells = [describe(object_type.rules(grant, role)) for role in roles]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines.append("")
    return lines


def render_markdown(matrix: Matrix = MATRIX) -> str:
    roles = matrix.roles
    labels = {str(role): str(role_spec(role).label) for role in roles}
    lines = [
        "# Who may do what",
        "",
        "<!-- Generated from empact/access/matrix.yaml by `python manage.py permissions_doc`."
        " Do not edit by hand: a test fails when this file and the matrix differ. -->",
        "",
        "Access in the EMPACT cycle manager follows the roles people hold. A role is given to",
        "a person for a scope (all of EMPACT, one plan, one action or one country), from a start",
        "date to an optional end date. On the day after the end date the rights are gone,",
        "without anybody having to act. Whatever is not listed below is refused. An object a",
        "person may not see",
        "does not exist for them (the page answers 'not found'); an object they may see but not",
        "change answers 'not allowed'.",
        "",
        "## The roles",
        "",
        "| role | scope |",
        "|---|---|",
    ]
    for role in roles:
        lines.append(f"| {labels[role]} | {role_spec(role).scope} |")
    lines += [
        "",
        "## How to read the tables",
        "",
        "Each cell says which objects the role may act on:",
        "",
        "- **all**: every object of this kind;",
        "- **in their cycles**: objects of a cycle in which the person holds a role (people with a",
        "  global or country role hold one in every cycle);",
        "- **in their plan** / **in their action**: objects of the plan they drive or co-drive, of",
        "  the action they lead, co-lead or take part in;",
        "- **actions of their country**: objects of actions their country leads or takes part in;",
        "- **of their country**: objects belonging to their country itself (its participations,",
        "  its people);",
        "- **their own**: their own account or role;",
        "- **as on the object it is about**: for a comment, whoever may see its object sees it,",
        "  and whoever may *comment* on its object (the object's own table) may add one;",
        "- **-**: not allowed.",
        "",
        "Below each table, a second table says which fields each role may write. A field",
        "marked *when creating* is set once, by whoever creates the object; a field not listed",
        "is read-only for everyone: statuses and the other workflow fields change only through",
        "their steps (submit, approve, return, cancel, confirm, decide, adopt...). The API and",
        "the forms offer exactly these fields; anything else sent is refused.",
        "",
        "A condition in brackets narrows the cell, e.g. *in their plan (while the plan is a",
        "draft or returned)*: once COSI approves a plan its definition is read-only for everyone.",
        "",
    ]
    for object_type in matrix.types.values():
        lines += [f"## {object_type.label}", ""]
        header = "| action | " + " | ".join(labels[r] for r in roles) + " |"
        lines += [header, "|---" * (len(roles) + 1) + "|"]
        for action in object_type.actions:
            word = ACTION_WORDS.get(action, action.replace("_", " "))
            cells = [describe(object_type.rules(action, role)) for role in roles]
            lines.append(f"| {word} | " + " | ".join(cells) + " |")
        lines.append("")
        lines += _field_rights(object_type, roles, labels)
    lines += ["## Who may assign which roles", ""]
    for role, allowed in matrix.assignable_roles.items():
        names = ", ".join(labels[a] for a in allowed)
        lines.append(f"- **{labels[role]}** may assign: {names}.")
    lines += [
        "",
        "A role scoped to a plan, an action or a country also needs *assign roles in it* on that",
        "plan, action or country: a driver assigns roles only inside their plan and its actions;",
        "a NEC assigns participants only on actions their country leads, co-leads or takes part",
        "in, and only to people of their own country. Nobody assigns a role to themselves.",
        "Ending a role or handing it over needs the same rights as assigning it, and a person",
        "may be deactivated only by someone who could assign every role they hold or will hold.",
        "",
    ]
    return "\n".join(lines)
