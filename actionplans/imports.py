"""Filling a draft action plan from a spreadsheet: the columns (the same the plan's export writes, so that an
exported plan reads back as "no change"), reading an upload into a table, and comparing it with the plan.

`analyse()` is the one reading of a table against a plan: the preview shows it, and the confirmation
(services.import_plan) runs it again on the plan as it stands then, and applies only what it finds.

Goals are matched by title within the plan, initiatives by title within their goal (case and spacing aside).
The import adds goals and initiatives and changes the fields the file gives; it never removes anything, and it
leaves an initiative's status and progress alone (they are reported with status updates).
"""

import datetime
import re
from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from actionplans.history import plan_with_content
from actionplans.models import KIND_NOT_STATED, ActionPlan, Goal, Initiative, WorkKind
from common.exports import short_date
from common.spreadsheets import DateRefusal, Formula, SpreadsheetError, column_letter, read_date, read_table
from partners.models import PartnerRegion, StrategicTrack
from strategy.models import FundingSource, Purpose

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 1_000
# Rows above the heading row that a file may have (the export's title and status lines).
HEADING_SEARCH = 10


@dataclass(frozen=True)
class Column:
    key: str
    heading: str  # lazy: the heading in the active language
    required: bool
    help: str
    example: str


# What the work serves is linked in the portal, where retired choices and new organisations are handled.
_LINKS_READ_ONLY = gettext_lazy("Read only: linked in the portal, not imported.")

COLUMNS = [
    Column("goal", gettext_lazy("Goal"), True, gettext_lazy("The goal's title. Rows with the same goal belong to "
                                                            "one goal."), "Styrket samarbejde om genoptræning"),
    Column("purposes", gettext_lazy("Purposes"), True,
           gettext_lazy("The numbers of the strategy's purposes the goal serves, separated by commas (1 to 4). "
                        "Required for a new goal."), "1, 2"),
    Column("initiative", gettext_lazy("Initiative"), True,
           gettext_lazy("The initiative's title. Empty for a goal without initiatives."),
           "Udveksling af fysioterapeuter"),
    Column("owner", gettext_lazy("Owner"), True, gettext_lazy("The person or unit responsible. Required for an "
                                                              "initiative."), "Hospitalsenhed Midt"),
    Column("department", gettext_lazy("Department"), False, "", "Fysioterapien"),
    Column("track", gettext_lazy("Strategic track"), False,
           gettext_lazy("The name of a strategic track in the portal, in Danish or English."), "Sundhed"),
    Column("partner_regions", gettext_lazy("Partner regions"), False,
           gettext_lazy("Names of partner regions in the portal, in Danish or English, separated by commas."),
           "Shanghai"),
    Column("starts_on", gettext_lazy("Starts on"), True,
           gettext_lazy("A date as 2027-03-01 or 01.03.2027 (day before month). Required for an initiative."),
           "01.03.2027"),
    Column("ends_on", gettext_lazy("Ends on"), False, gettext_lazy("A date as for “Starts on”, or empty."),
           "31.12.2029"),
    Column("status", gettext_lazy("Status"), False,
           gettext_lazy("Read only: status is reported with status updates, not imported."), ""),
    Column("progress", gettext_lazy("Progress (%)"), False,
           gettext_lazy("Read only: progress is reported with status updates, not imported."), ""),
    Column("funding_sources", gettext_lazy("Funding sources"), False,
           gettext_lazy("Names of funding sources in the portal, separated by commas."), "Interreg"),
    Column("description", gettext_lazy("Description"), False, gettext_lazy("The initiative's description."), ""),
    Column("principles", gettext_lazy("Principles"), False, _LINKS_READ_ONLY, ""),
    Column("kind", gettext_lazy("Kind of international work"), False,
           gettext_lazy("One of the kinds of international work as the portal names them, in Danish or English. "
                        "Required for a new initiative."), "Projektsamarbejde og EU-projekter"),
    Column("organisations", gettext_lazy("Other partner organisations"), False, _LINKS_READ_ONLY, ""),
    Column("coordination_partners", gettext_lazy("Coordinated with"), False, _LINKS_READ_ONLY, ""),
    Column("supported_plans", gettext_lazy("Plans it supports"), False, _LINKS_READ_ONLY, ""),
    Column("offices", gettext_lazy("Offices"), False, _LINKS_READ_ONLY, ""),
]
BY_KEY = {column.key: column for column in COLUMNS}
# Columns the file may show but the import leaves alone.
READ_ONLY = {"status", "progress", "principles", "organisations", "coordination_partners", "supported_plans",
             "offices"}
INITIATIVE_KEYS = ["owner", "department", "track", "partner_regions", "starts_on", "ends_on", "funding_sources",
                   "description", "kind"]


def _norm(text) -> str:
    return " ".join(str(text).casefold().split())


def _headings() -> dict[str, str]:
    """Every accepted heading (Danish and English, case and spacing aside) -> its column's key."""
    known = {}
    for language in ("da", "en"):
        with override(language):
            known |= {_norm(column.heading): column.key for column in COLUMNS}
    return known


# --- Reading the upload ----------------------------------------------------------------------------------------------


def _encode(cell):
    if isinstance(cell, Formula):
        return {"formula": cell.text}
    if isinstance(cell, datetime.date):
        return {"date": cell.isoformat()}
    return cell


def _decode(cell):
    if isinstance(cell, dict):
        return Formula(cell["formula"]) if "formula" in cell else datetime.date.fromisoformat(cell["date"])
    return cell


def read_upload(upload) -> dict:
    """The uploaded file as the table a PlanImport keeps: its columns and its rows below the heading row.
    Raises SpreadsheetError for what is wrong with the file as a whole."""
    table = read_table(upload, max_bytes=MAX_BYTES, max_rows=MAX_ROWS, heading_rows=HEADING_SEARCH)
    known = _headings()
    heading_at = next((i for i, (_number, cells) in enumerate(table.rows[:HEADING_SEARCH])
                       if any(isinstance(c, str) and known.get(_norm(c)) == "goal" for c in cells)), None)
    if heading_at is None:
        raise SpreadsheetError(_("No heading row was found. The first row of the table must hold the column "
                                 "headings, e.g. “%(goal)s”, “%(purposes)s” and “%(initiative)s”; download the "
                                 "template to see them all.") % {k: BY_KEY[k].heading for k in
                                                                 ("goal", "purposes", "initiative")})
    heading_number, heading_cells = table.rows[heading_at]
    data = table.rows[heading_at + 1:]
    if len(data) > MAX_ROWS:
        raise SpreadsheetError(_("The file has more than %(limit)s rows. Split it into smaller files, e.g. one per "
                                 "goal, and import them one after the other.") % {"limit": MAX_ROWS})
    columns, problems, seen = [], [], {}
    width = max([len(heading_cells)] + [len(cells) for _number, cells in data])
    for index in range(width):
        heading = heading_cells[index] if index < len(heading_cells) else ""
        letter = column_letter(index)
        text = "" if isinstance(heading, Formula) else str(heading)
        key = known.get(_norm(text))
        if not text.strip():
            if any(index < len(cells) and cells[index] not in ("", None) for _number, cells in data):
                problems.append(_("Column %(letter)s has values but no heading.") % {"letter": letter})
        elif key is None:
            problems.append(_("Column %(letter)s, “%(heading)s”, is not a column of an action plan.")
                            % {"letter": letter, "heading": text})
        elif key in seen:
            problems.append(_("Columns %(first)s and %(second)s both hold “%(heading)s”.")
                            % {"first": seen[key], "second": letter, "heading": text})
        else:
            seen[key] = letter
        columns.append([key if key not in READ_ONLY else None, text, letter])
    missing = [str(BY_KEY[c.key].heading) for c in COLUMNS if c.required and c.key not in seen]
    if missing:
        problems.append(_("The file lacks these columns: %(columns)s.") % {"columns": ", ".join(missing)})
    if problems:
        known_list = ", ".join(f"“{c.heading}”" for c in COLUMNS)
        raise SpreadsheetError(" ".join(problems) + " " + _("The columns of an action plan are: %(columns)s.")
                               % {"columns": known_list})
    if not data:
        raise SpreadsheetError(_("The file has no rows below the heading row."))
    return {"heading_row": heading_number, "columns": columns,
            "rows": [[number, [_encode(c) for c in cells]] for number, cells in data]}


# --- Comparing a table with the plan ---------------------------------------------------------------------------------


@dataclass
class RowResult:
    number: int
    goal: str = ""
    initiative: str = ""
    actions: list[str] = field(default_factory=list)
    changes: list[tuple[str, str, str]] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)

    @property
    def unchanged(self) -> bool:
        return not (self.actions or self.changes or self.errors)


@dataclass
class NewGoal:
    title: str
    purposes: list
    initiatives: list[dict] = field(default_factory=list)


@dataclass
class Preview:
    """What a table would do to a plan, row by row, and what services.import_plan applies."""

    rows: list[RowResult] = field(default_factory=list)
    new_goals: list[NewGoal] = field(default_factory=list)
    goal_changes: list[tuple[Goal, list]] = field(default_factory=list)
    new_initiatives: list[tuple[Goal, dict]] = field(default_factory=list)
    initiative_changes: list[tuple[Initiative, dict]] = field(default_factory=list)
    not_in_file: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[RowResult]:
        return [row for row in self.rows if row.errors]

    @property
    def new_initiative_count(self) -> int:
        return len(self.new_initiatives) + sum(len(goal.initiatives) for goal in self.new_goals)

    @property
    def changed_count(self) -> int:
        return len(self.goal_changes) + len(self.initiative_changes)

    @property
    def has_changes(self) -> bool:
        return bool(self.new_goals or self.goal_changes or self.new_initiatives or self.initiative_changes)


class _Names:
    """Rows of reference data by every name a file may give them (Danish, English, native, code)."""

    def __init__(self, rows, names):
        self.by_name: dict[str, list] = {}
        for row in rows:
            for name in {_norm(n) for n in names(row) if n}:
                self.by_name.setdefault(name, []).append(row)

    def find(self, name: str):
        return self.by_name.get(_norm(name), [])


def _region_names(region):
    names = [region.name_da, region.name_en, region.name_native, region.code]
    for language in ("da", "en"):
        with override(language):
            names.append(str(region))
    return names


class _Reference:
    """The reference data a table is read against, in a fixed number of queries."""

    def __init__(self):
        self.purposes = {p.number: p for p in Purpose.objects.all()}
        self.tracks = _Names(StrategicTrack.objects.all(), lambda t: [t.name_da, t.name_en, t.code])
        self.regions = _Names(PartnerRegion.objects.all(), _region_names)
        self.funding = _Names(FundingSource.objects.all(), lambda f: [f.name_da, f.name_en, f.code])


def _text_field(model, name):
    return model._meta.get_field(name).formfield()


class _Row:
    """One row being read: its cells by column key, and what is wrong with them."""

    def __init__(self, number, cells, columns):
        self.result = RowResult(number=number)
        self.cells, self.letters = {}, {}
        for index, (key, _heading, letter) in enumerate(columns):
            if key:
                self.cells[key] = _decode(cells[index]) if index < len(cells) else ""
                self.letters[key] = letter

    def has(self, key) -> bool:
        return key in self.cells

    def error(self, key, message):
        self.result.errors.append((f"{self.letters.get(key, '')} ({BY_KEY[key].heading})", str(message)))

    def raw(self, key):
        """The cell's value; a formula is refused (None)."""
        cell = self.cells.get(key, "")
        if isinstance(cell, Formula):
            self.error(key, _("The cell holds a formula (%(formula)s). The portal does not run formulas: replace "
                              "it by its value.") % {"formula": cell.text[:60]})
            return None
        return cell

    def text(self, key, form_field: forms.Field | None = None) -> str | None:
        cell = self.raw(key)
        if cell is None:
            return None
        value = cell.isoformat() if isinstance(cell, datetime.date) else str(cell).strip()
        if form_field is not None:
            form_field.required = False
            try:
                value = form_field.clean(value)
            except ValidationError as error:
                for message in error.messages:
                    self.error(key, message)
                return None
        return value

    def date(self, key) -> datetime.date | None:
        cell = self.raw(key)
        if cell in (None, ""):
            return None
        try:
            return read_date(cell)
        except DateRefusal as refusal:
            self.error(key, refusal)
            return None

    def names(self, key, names: _Names, *, linked=(), unknown: str) -> list | None:
        """The rows a cell names (separated by commas or semicolons), or None when one is unknown. A row that is
        no longer offered for new work (retired, ended) is accepted only where the initiative links it already."""
        cell = self.text(key)
        if cell is None:
            return None
        parts = [part.strip() for part in re.split(r"[,;\n]", cell)]
        found, start, ok = [], 0, True
        while start < len(parts):
            if not parts[start]:
                start += 1
                continue
            # Longest match first: a name may itself hold a comma.
            end = next((end for end in range(len(parts), start, -1) if names.find(", ".join(parts[start:end]))),
                       None)
            if end is None:
                self.error(key, unknown % {"name": parts[start]})
                ok, start = False, start + 1
                continue
            name = ", ".join(parts[start:end])
            matches = names.find(name)
            if len(matches) > 1:
                self.error(key, _("More than one is called “%(name)s”: give its code instead.") % {"name": name})
                ok = False
            elif not _offered(matches[0]) and matches[0].pk not in linked:
                self.error(key, _("“%(name)s” is no longer offered for new work.") % {"name": name})
                ok = False
            elif matches[0] not in found:
                found.append(matches[0])
            start = end
        return found if ok else None


def _offered(row) -> bool:
    if isinstance(row, PartnerRegion):
        return row.status != PartnerRegion.Status.ENDED
    return not row.is_retired()


def _names_text(rows) -> str:
    return ", ".join(sorted(str(r) for r in rows)) or "–"


def analyse(plan: ActionPlan, table: dict) -> Preview:
    """What the table (read_upload()) does to the plan: a result per row, and the changes to apply.

    Runs a fixed number of queries, however long the table and the plan."""
    content = plan_with_content(plan.pk)
    reference = _Reference()
    goals = {}
    for goal in content.goals.all():
        if goal.removed_at is None:
            goals.setdefault(_norm(goal.title), goal)
    preview = Preview()
    file_goals: dict[str, dict] = {}
    seen_rows: dict[tuple, int] = {}
    seen_initiatives: set[int] = set()
    for number, cells in table["rows"]:
        row = _Row(number, cells, table["columns"])
        preview.rows.append(row.result)
        _read_row(row, reference, goals, file_goals, seen_rows, seen_initiatives, preview)
    present = [(goal, [i for i in goal.initiatives.all() if i.removed_at is None]) for goal in goals.values()]
    preview.not_in_file = [goal.title for goal, _initiatives in present if goal.pk not in
                           {g["existing"].pk for g in file_goals.values() if g["existing"]}]
    preview.not_in_file += [f"{goal.title} – {i.title}" for goal, initiatives in present for i in initiatives
                            if i.pk not in seen_initiatives and goal.title not in preview.not_in_file]
    return preview


def _read_row(row, reference, goals, file_goals, seen_rows, seen_initiatives, preview):
    result = row.result
    goal_title = row.text("goal", _text_field(Goal, "title"))
    initiative_title = row.text("initiative", _text_field(Initiative, "title"))
    result.goal, result.initiative = goal_title or "", initiative_title or ""
    if goal_title == "":
        row.error("goal", _("Every row needs the goal's title."))
    purposes = _purposes(row, reference)
    if not goal_title or initiative_title is None:
        return
    key = (_norm(goal_title), _norm(initiative_title or ""))
    if key in seen_rows:
        row.error("initiative" if initiative_title else "goal",
                  _("Row %(row)s holds the same goal and initiative already.") % {"row": seen_rows[key]})
        return
    seen_rows[key] = result.number
    goal = file_goals.get(key[0])
    if goal is None:
        goal = file_goals[key[0]] = _first_goal_row(row, goals.get(key[0]), goal_title, purposes, preview)
    elif purposes and goal["purposes"] is None:
        goal["purposes"] = {p.number for p in purposes}
    elif purposes and {p.number for p in purposes} != goal["purposes"]:
        row.error("purposes", _("Row %(row)s gives this goal other purposes (%(purposes)s).")
                  % {"row": goal["row"], "purposes": ", ".join(map(str, sorted(goal["purposes"])))})
    if initiative_title == "":
        given = [k for k in INITIATIVE_KEYS if row.cells.get(k, "") not in ("", None)]
        for k in given:
            row.error(k, _("This cell belongs to an initiative: give the initiative's title in column "
                           "“%(column)s”.") % {"column": BY_KEY["initiative"].heading})
        return
    existing = None
    if goal["existing"] is not None:
        existing = next((i for i in goal["existing"].initiatives.all()
                         if i.removed_at is None and _norm(i.title) == key[1]), None)
    values = _initiative_values(row, reference, existing, initiative_title)
    if values is None or result.errors:
        return
    if existing is None:
        result.actions.append(_("new initiative"))
        if goal["new"] is not None:
            goal["new"].initiatives.append(values)
        else:
            preview.new_initiatives.append((goal["existing"], values))
        return
    seen_initiatives.add(existing.pk)
    changes = _initiative_changes(existing, values)
    if changes:
        result.changes += changes
        preview.initiative_changes.append((existing, values))


def _purposes(row, reference) -> list | None:
    cell = row.text("purposes")
    if not cell:
        return None
    numbers = []
    for part in re.split(r"[,;\s]+", cell.replace(".", " ")):
        if not part:
            continue
        if not part.isdigit() or int(part) not in reference.purposes:
            row.error("purposes", _("“%(value)s” is not the number of one of the strategy's purposes (%(numbers)s).")
                      % {"value": part, "numbers": ", ".join(map(str, sorted(reference.purposes)))})
            return None
        numbers.append(int(part))
    return [reference.purposes[n] for n in sorted(set(numbers))]


def _first_goal_row(row, existing: Goal | None, title, purposes, preview) -> dict:
    """The first row of a goal in the file: a new goal, a change of an existing goal's purposes, or neither."""
    numbers = {p.number for p in purposes} if purposes else None
    goal = {"row": row.result.number, "existing": existing, "new": None, "purposes": numbers}
    if existing is None:
        if not purposes:
            if not row.result.errors:
                row.error("purposes", _("A new goal needs at least one of the strategy's purposes."))
            return goal
        goal["new"] = NewGoal(title=title, purposes=purposes)
        preview.new_goals.append(goal["new"])
        row.result.actions.append(_("new goal"))
        return goal
    before = {p.number for p in existing.purposes.all()}
    goal["purposes"] = numbers or before
    if numbers and numbers != before:
        row.result.changes.append((str(_("Purposes")), ", ".join(map(str, sorted(before))),
                                   ", ".join(map(str, sorted(numbers)))))
        preview.goal_changes.append((existing, purposes))
    return goal


def _initiative_values(row, reference, existing: Initiative | None, title) -> dict | None:
    """The initiative's fields as the row gives them; a column the file lacks keeps the initiative's value."""
    values = {"title": title if existing is None else existing.title}
    for name in ("owner", "department", "description"):
        if row.has(name):
            values[name] = row.text(name, _text_field(Initiative, name))
    for name in ("starts_on", "ends_on"):
        if row.has(name):
            values[name] = row.date(name)
    if row.has("track"):
        track = row.names("track", reference.tracks, linked=[existing.track_id] if existing else [],
                          unknown=_("There is no strategic track called “%(name)s” in the portal."))
        if track is not None and len(track) > 1:
            row.error("track", _("An initiative has one strategic track."))
        values["track"] = track[0] if track else None
    linked = {name: [r.pk for r in getattr(existing, name).all()] if existing else []
              for name in ("partner_regions", "funding_sources")}
    if row.has("partner_regions"):
        values["partner_regions"] = row.names(
            "partner_regions", reference.regions, linked=linked["partner_regions"],
            unknown=_("There is no partner region called “%(name)s” in the portal."))
    if row.has("funding_sources"):
        values["funding_sources"] = row.names(
            "funding_sources", reference.funding, linked=linked["funding_sources"],
            unknown=_("There is no funding source called “%(name)s” in the portal."))
    if row.has("kind") and (kind := _kind(row)):
        values["kind"] = kind  # an empty cell or "not stated" leaves the kind as it is
    if row.result.errors:
        return None
    if existing is None:
        values = {"owner": "", "department": "", "description": "", "track": None, "ends_on": None,
                  "partner_regions": [], "funding_sources": [], "kind": ""} | values
        if not values["kind"]:
            row.error("kind", _("Say which kind of international work the initiative is."))
        if not values["owner"]:
            row.error("owner", _("An initiative needs an owner."))
        if not values.get("starts_on"):
            row.error("starts_on", _("An initiative needs a start date."))
    starts_on = values.get("starts_on", existing.starts_on if existing else None)
    ends_on = values.get("ends_on", existing.ends_on if existing else None)
    if starts_on and ends_on and ends_on < starts_on:
        row.error("ends_on", _("An initiative cannot end before it starts."))
    return None if row.result.errors else values


def _kind(row) -> str | None:
    """The kind a cell names (by its Danish or English name, or its code); "" for none or "not stated"."""
    cell = row.text("kind")
    if not cell:
        return ""
    kinds = {_norm(value): value for value in WorkKind.values}
    for language in ("da", "en"):
        with override(language):
            kinds |= {_norm(label): value for value, label in WorkKind.choices} | {_norm(KIND_NOT_STATED): ""}
    if _norm(cell) not in kinds:
        row.error("kind", _("“%(value)s” is not a kind of international work. Use one of: %(kinds)s.")
                  % {"value": cell, "kinds": "; ".join(str(label) for label in WorkKind.labels)})
        return None
    return kinds[_norm(cell)]


def _show(value) -> str:
    if value in (None, ""):
        return "–"
    if isinstance(value, datetime.date):
        return short_date(value)
    if isinstance(value, list):
        return _names_text(value)
    return str(value)


def _same_lines(value):
    """Text as compared: a browser sends line breaks as CR LF, a spreadsheet often keeps LF alone."""
    return value.replace("\r\n", "\n") if isinstance(value, str) else value


def _initiative_changes(existing: Initiative, values: dict) -> list[tuple[str, str, str]]:
    changes = []
    for name, new in values.items():
        if name in ("partner_regions", "funding_sources"):
            old = list(getattr(existing, name).all())
            differs = {r.pk for r in old} != {r.pk for r in new}
        elif name == "kind":
            old, new = existing.kind_label(), Initiative(kind=new).kind_label()
            differs = old != new
        else:
            old = getattr(existing, name)
            differs = _same_lines(old) != _same_lines(new)
        if differs:
            changes.append((str(Initiative._meta.get_field(name).verbose_name), _show(old), _show(new)))
    return changes


# --- The template --------------------------------------------------------------------------------------------------


def template_sheets():
    """The template workbook: an empty action plan sheet with the headings in the active language, and a sheet
    that lists every column with its Danish and English heading."""
    from common.exports import Sheet

    headings = {}
    for language in ("da", "en"):
        with override(language):
            headings[language] = [str(c.heading) for c in COLUMNS]
    body = [[da, en, _("yes") if c.required else _("no"), str(c.help), c.example]
            for c, da, en in zip(COLUMNS, headings["da"], headings["en"], strict=True)]
    return [Sheet(title=_("Action plan"), header=[str(c.heading) for c in COLUMNS], body=[]),
            Sheet(title=_("Columns"), header=[_("Danish heading"), _("English heading"), _("Required"),
                                              _("What it holds"), _("Example")], body=body, width=40)]
