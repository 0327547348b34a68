"""Logging helpers (imported by the LOGGING setting; no Django imports here)."""


def refusal_in_one_line(record) -> bool:
    """Drop the traceback of a refused request (403): one line says it, and a traceback per refusal floods the
    log that operators read for real errors."""
    if getattr(record, "status_code", None) == 403:
        record.exc_info = None
        record.exc_text = None
    return True
