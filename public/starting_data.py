"""The accessibility statement as the portal starts with it: the portal's own evaluation. The contact is left
for an administrator to give (no address is invented); loading never overwrites an edited statement."""

import datetime

from public.models import AccessibilityStatement

STATEMENT = {
    "organisation": "Region Midtjylland",
    "compliance": AccessibilityStatement.Compliance.PARTIAL,
    "method": AccessibilityStatement.Method.SELF,
    "method_da": (
        "Region Midtjylland har selv evalueret portalen. Alle sider gennemgås automatisk med axe-core efter "
        "WCAG 2.1 niveau A og AA, HTML'en valideres, og siderne afprøves i mobilbredde og uden JavaScript. "
        "Formularer, navigation og tabeller afprøves med tastaturet i automatiske browsertest. Portalen er ikke "
        "afprøvet af brugere med skærmlæser."
    ),
    "method_en": (
        "Central Denmark Region evaluated the portal itself. Every page is checked automatically with axe-core "
        "against WCAG 2.1 level A and AA, its HTML is validated, and the pages are tried at phone width and "
        "without JavaScript. Forms, navigation and tables are tried with the keyboard in automated browser tests. "
        "The portal has not been tried by users of screen readers."
    ),
    "known_gaps_da": (
        "PDF-filerne (handlingsplaner, faktaark og statusrapporter) er ikke opmærkede PDF'er og kan være svære at "
        "læse med skærmlæser (WCAG 1.3.1 og 1.3.2). Hver PDF har en udskriftsvisning med samme indhold i "
        "tilgængelig HTML, og der er et link til den ved siden af PDF'en.\n"
        "Administrationsdelen (til administratorer) er gennemgået med de samme automatiske test, men ikke afprøvet "
        "manuelt."
    ),
    "known_gaps_en": (
        "The PDF files (action plans, fact sheets and status reports) are not tagged PDFs and may be hard to read "
        "with a screen reader (WCAG 1.3.1 and 1.3.2). Every PDF has a print view with the same content in "
        "accessible HTML, linked next to the PDF.\n"
        "The administration (for administrators) passes the same automated checks but has not been tried manually."
    ),
    "prepared_on": datetime.date(2026, 12, 1),
    "reviewed_on": datetime.date(2026, 12, 1),
}


def load() -> dict[str, int]:
    _statement, created = AccessibilityStatement.objects.get_or_create(singleton=True, defaults=STATEMENT)
    return {"accessibility_statement": int(created)}
