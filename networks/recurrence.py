"""Recurring schedules: a constrained choice turned into an RFC 5545 rule, its dates and words.

A schedule is weekly (every week, every other week, every N weeks) or monthly
(the first to fourth, or the last, weekday of each month), at a local time in
Europe/London, from a first date, optionally until a last one, less any
cancelled dates. It is never typed as free text: ``Schedule.rule_text`` writes
the ``DTSTART``/``RRULE``/``EXDATE`` lines from the choice, and
``Schedule.from_rule`` reads back only rules of these shapes (the calendar
importer uses it).

Dates are computed on the wall clock and only then given the Europe/London
zone, so a 7pm meeting stays at 7pm across the change to and from BST.
"""

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from dateutil import rrule

LONDON = ZoneInfo("Europe/London")
UTC = datetime.UTC
WEEKLY = "weekly"
MONTHLY = "monthly"
MAX_WEEKS_APART = 8
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
RULE_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"}
ORDINAL_CHOICES = [(number, word.capitalize()) for number, word in ORDINALS.items()]
WEEKDAY_CHOICES = list(enumerate(WEEKDAYS))
DATE_INPUT_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y")


class UnsupportedRule(ValueError):
    """A calendar rule that is not one of the shapes a schedule can express."""


def long_date(day):
    return f"{WEEKDAYS[day.weekday()]} {day.day} {day:%B %Y}"


def clock(moment):
    """``6pm``, ``6:30pm``, ``12pm`` (noon)."""
    hour = moment.hour % 12 or 12
    minutes = f":{moment.minute:02d}" if moment.minute else ""
    return f"{hour}{minutes}{'am' if moment.hour < 12 else 'pm'}"


def time_range(start, end=None):
    """``6–8pm``, ``11am–1pm`` or ``7pm`` when there is no end."""
    if end is None:
        return clock(start)
    first, last = clock(start), clock(end)
    if first[-2:] == last[-2:]:
        first = first[:-2]
    return f"{first}–{last}"


def parse_dates(text):
    """Dates from text, one a line (``24/12/2026`` or ``2026-12-24``); ``ValueError`` names a bad one."""
    dates = []
    for line in text.replace(",", "\n").splitlines():
        line = line.strip()
        if not line:
            continue
        for fmt in DATE_INPUT_FORMATS:
            try:
                dates.append(datetime.datetime.strptime(line, fmt).date())
                break
            except ValueError:
                continue
        else:
            raise ValueError(f"“{line}” is not a date: write dates like 24/12/2026, one a line.")
    return sorted(set(dates))


@dataclass(frozen=True)
class Schedule:
    """One recurring schedule, as chosen in the form (see the module docstring)."""

    frequency: str
    weekday: int | None
    starts_at: datetime.time | None
    first_date: datetime.date | None
    ends_at: datetime.time | None = None
    interval: int = 1
    week_of_month: int | None = None
    until: datetime.date | None = None
    cancelled: tuple = ()

    # --- validation -------------------------------------------------------------------

    def errors(self):
        """Problems with the choice, keyed by attribute name; empty when it is valid."""
        errors = {}
        if self.frequency not in (WEEKLY, MONTHLY):
            errors["frequency"] = "Choose weekly or monthly."
        if self.weekday not in range(7):
            errors["weekday"] = "Choose the day of the week."
        if self.starts_at is None:
            errors["starts_at"] = "Give the start time."
        if self.first_date is None:
            errors["first_date"] = "Give the first date."
        if self.frequency == WEEKLY and not 1 <= (self.interval or 0) <= MAX_WEEKS_APART:
            errors["interval"] = f"Repeat every 1 to {MAX_WEEKS_APART} weeks."
        if self.frequency == MONTHLY:
            errors.update(self._week_of_month_errors())
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = "The end time must be after the start time (same day)."
        if self.first_date and self.until and self.until < self.first_date:
            errors["until"] = "The last date must be on or after the first date."
        if errors:
            return errors
        if self.first_start is None:
            errors["until"] = f"There is no {self._day_words()} between the first and last date."
        else:
            errors.update(self._cancelled_errors())
        return errors

    def _week_of_month_errors(self):
        day = WEEKDAYS[self.weekday] if self.weekday in range(7) else "weekday"
        if self.week_of_month == 5:
            return {
                "week_of_month": f"Not every month has a fifth {day}: "
                "choose the first to fourth, or the last."
            }
        if self.week_of_month not in ORDINALS:
            return {"week_of_month": f"Choose which {day} of the month."}
        return {}

    def _cancelled_errors(self):
        # Day by day: a schedule without an end date runs to the year 9999.
        rule = self._rule(with_cancelled=True)
        stray = [day for day in self.cancelled if not self._falls_on(rule, day)]
        if not stray:
            return {}
        listed = ", ".join(long_date(day) for day in stray)
        verb = "is not one of" if len(stray) == 1 else "are not among"
        return {"cancelled": f"{listed} {verb} this schedule’s dates."}

    @staticmethod
    def _falls_on(rule, day):
        start = datetime.datetime.combine(day, datetime.time.min)
        return bool(rule.between(start, start.replace(hour=23, minute=59, second=59), inc=True))

    # --- dates ------------------------------------------------------------------------

    def _anchor(self):
        """The first date on the schedule, from ``first_date`` on."""
        if self.frequency == WEEKLY:
            return self.first_date + datetime.timedelta(
                days=(self.weekday - self.first_date.weekday()) % 7
            )
        rule = rrule.rrule(
            rrule.MONTHLY,
            dtstart=self.first_date,
            byweekday=rrule.weekday(self.weekday, self.week_of_month),
            count=1,
        )
        return next(iter(rule)).date()

    def _rule(self, with_cancelled=False):
        """The dateutil rule over naive wall-clock times in Europe/London."""
        start = datetime.datetime.combine(self._anchor(), self.starts_at)
        until = datetime.datetime.combine(self.until, datetime.time.max) if self.until else None
        if self.frequency == WEEKLY:
            rule = rrule.rrule(
                rrule.WEEKLY,
                dtstart=start,
                interval=self.interval,
                byweekday=self.weekday,
                until=until,
            )
        else:
            rule = rrule.rrule(
                rrule.MONTHLY,
                dtstart=start,
                byweekday=rrule.weekday(self.weekday, self.week_of_month),
                until=until,
            )
        if with_cancelled:
            return rule
        dates = rrule.rruleset()
        dates.rrule(rule)
        for day in self.cancelled:
            dates.exdate(datetime.datetime.combine(day, self.starts_at))
        return dates

    @property
    def first_start(self):
        """The first scheduled start (aware), or None when the range holds no date."""
        first = next(iter(self._rule(with_cancelled=True)), None)
        return first.replace(tzinfo=LONDON) if first else None

    @property
    def duration(self):
        if not self.ends_at:
            return None
        day = datetime.date(2000, 1, 1)
        return datetime.datetime.combine(day, self.ends_at) - datetime.datetime.combine(
            day, self.starts_at
        )

    def dates(self, after, before):
        """``(start, end)`` pairs, aware in Europe/London, starting in ``[after, before]``."""
        naive = [moment.astimezone(LONDON).replace(tzinfo=None) for moment in (after, before)]
        duration = self.duration
        pairs = []
        for start in self._rule().between(*naive, inc=True):
            start = start.replace(tzinfo=LONDON)
            end = (
                (start.replace(tzinfo=None) + duration).replace(tzinfo=LONDON) if duration else None
            )
            pairs.append((start, end))
        return pairs

    # --- RFC 5545 ---------------------------------------------------------------------

    @property
    def rule_body(self):
        """The RRULE value, e.g. ``FREQ=WEEKLY;INTERVAL=2;BYDAY=TU``."""
        day = RULE_DAYS[self.weekday]
        if self.frequency == WEEKLY:
            parts = ["FREQ=WEEKLY", f"INTERVAL={self.interval}", f"BYDAY={day}"]
        else:
            parts = ["FREQ=MONTHLY", f"BYDAY={self.week_of_month}{day}"]
        if self.until:
            last = datetime.datetime.combine(self.until, datetime.time(23, 59, 59), LONDON)
            # With a zoned DTSTART, RFC 5545 wants UNTIL in UTC.
            parts.append(f"UNTIL={last.astimezone(UTC):%Y%m%dT%H%M%SZ}")
        return ";".join(parts)

    @property
    def cancelled_starts(self):
        return [
            datetime.datetime.combine(day, self.starts_at, LONDON) for day in sorted(self.cancelled)
        ]

    def rule_text(self):
        """``DTSTART``, ``RRULE`` and, with cancelled dates, ``EXDATE`` lines."""
        lines = [
            f"DTSTART;TZID=Europe/London:{self.first_start:%Y%m%dT%H%M%S}",
            f"RRULE:{self.rule_body}",
        ]
        if self.cancelled:
            stamps = ",".join(f"{start:%Y%m%dT%H%M%S}" for start in self.cancelled_starts)
            lines.append(f"EXDATE;TZID=Europe/London:{stamps}")
        return "\n".join(lines)

    @classmethod
    def from_rule(cls, start, end, rule, cancelled=()):
        """The schedule for a calendar's ``RRULE`` (a dict of lists, as ``icalendar`` reads it).

        ``start`` and ``end`` are aware datetimes. Raises ``UnsupportedRule`` with a
        reason for anything a schedule cannot express exactly.
        """
        start = start.astimezone(LONDON)
        end = end.astimezone(LONDON) if end else None
        rule = {key.upper(): value for key, value in rule.items()}
        unknown = set(rule) - {"FREQ", "INTERVAL", "BYDAY", "UNTIL", "WKST"}
        if unknown:
            raise UnsupportedRule(f"the repeat rule uses {', '.join(sorted(unknown))}")
        frequency = str(rule.get("FREQ", [""])[0]).lower()
        days = [str(day).upper() for day in rule.get("BYDAY", [])] or [RULE_DAYS[start.weekday()]]
        if len(days) != 1:
            raise UnsupportedRule("the event repeats on more than one day of the week")
        day = days[0]
        number, day = (int(day[:-2]) if day[:-2] else None), day[-2:]
        if day not in RULE_DAYS:
            raise UnsupportedRule(f"unknown day {day}")
        interval = int(rule.get("INTERVAL", [1])[0])
        until = rule.get("UNTIL", [None])[0]
        if isinstance(until, datetime.datetime):
            until = (until if until.tzinfo else until.replace(tzinfo=LONDON)).astimezone(LONDON)
            until = until.date()
        if end and end.date() != start.date():
            raise UnsupportedRule("each date ends on a later day")
        kwargs = {
            "weekday": RULE_DAYS.index(day),
            "starts_at": start.time().replace(tzinfo=None),
            "ends_at": end.time().replace(tzinfo=None) if end else None,
            "first_date": start.date(),
            "until": until,
            "cancelled": tuple(sorted({moment.astimezone(LONDON).date() for moment in cancelled})),
        }
        if frequency == "weekly" and number is None:
            schedule = cls(frequency=WEEKLY, interval=interval, **kwargs)
        elif frequency == "monthly" and interval == 1 and number is not None:
            schedule = cls(frequency=MONTHLY, week_of_month=number, **kwargs)
        else:
            raise UnsupportedRule("only weekly and “nth weekday of the month” repeats are imported")
        problems = schedule.errors()
        if problems:
            raise UnsupportedRule("; ".join(problems.values()))
        if schedule.first_start.date() != start.date():
            raise UnsupportedRule("the first date is not one of the repeat's dates")
        return schedule

    # --- words ------------------------------------------------------------------------

    def _day_words(self):
        day = WEEKDAYS[self.weekday]
        if self.frequency == MONTHLY:
            return f"{ORDINALS[self.week_of_month]} {day} of the month"
        return day

    def describe(self):
        """``every other Tuesday, 6–8pm`` or ``on the second Tuesday of each month, 6–8pm``."""
        day = WEEKDAYS[self.weekday]
        if self.frequency == MONTHLY:
            when = f"on the {ORDINALS[self.week_of_month]} {day} of each month"
        elif self.interval == 1:
            when = f"every {day}"
        elif self.interval == 2:
            when = f"every other {day}"
        else:
            when = f"every {self.interval} weeks on a {day}"
        return f"{when}, {time_range(self.starts_at, self.ends_at)}"

    def describe_period(self):
        """``from Tuesday 6 January 2026 until Tuesday 29 December 2026``."""
        words = f"from {long_date(self.first_start.date())}"
        if self.until:
            words += f" until {long_date(self.until)}"
        return words
