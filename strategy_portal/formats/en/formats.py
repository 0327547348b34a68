"""English pages write dates day-month-year, as British English does, and times on the 24-hour clock, as Danish
readers expect; Django's plain "en" formats are American (month first)."""

from django.conf.locale.en_GB.formats import *  # noqa: F403

DATE_FORMAT = "j F Y"  # 25 October 2026
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATE_FORMAT = "d/m/Y"  # 25/10/2026
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
