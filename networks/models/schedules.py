"""A recurring schedule as page fields, stored also as the RFC 5545 rule they make."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from ..recurrence import (
    MAX_WEEKS_APART,
    MONTHLY,
    ORDINAL_CHOICES,
    WEEKDAY_CHOICES,
    WEEKLY,
    Schedule,
    parse_dates,
)

# Schedule attribute → the field that holds it (errors are reported on the field).
SCHEDULE_FIELDS = {
    "frequency": "repeats",
    "interval": "repeat_every",
    "weekday": "repeat_weekday",
    "week_of_month": "repeat_week_of_month",
    "starts_at": "repeat_starts_at",
    "ends_at": "repeat_ends_at",
    "first_date": "repeat_from",
    "until": "repeat_until",
    "cancelled": "cancelled_dates",
}


def schedule_panels(heading="Repeats"):
    """The schedule's admin panels, under ``heading``."""
    return [
        MultiFieldPanel(
            [
                FieldPanel("repeats", widget=forms.RadioSelect),
                FieldRowPanel([FieldPanel("repeat_weekday"), FieldPanel("repeat_every")]),
                FieldPanel(
                    "repeat_week_of_month",
                    widget=forms.Select(choices=[("", "---------"), *ORDINAL_CHOICES]),
                ),
                FieldRowPanel([FieldPanel("repeat_starts_at"), FieldPanel("repeat_ends_at")]),
                FieldRowPanel([FieldPanel("repeat_from"), FieldPanel("repeat_until")]),
                FieldPanel("cancelled_dates", widget=forms.Textarea(attrs={"rows": 3})),
            ],
            heading=heading,
        )
    ]


class ScheduleMixin(models.Model):
    """A constrained recurring schedule (weekly, every N weeks, nth weekday of the month).

    ``recurrence`` is the ``DTSTART``/``RRULE``/``EXDATE`` text written from the
    fields in ``clean()``, never typed. Empty ``repeats`` means no schedule.
    """

    class Repeats(models.TextChoices):
        NEVER = "", "Does not repeat (use the dates above)"
        WEEKLY = WEEKLY, "Every week, or every few weeks"
        MONTHLY = MONTHLY, "On one weekday of each month (e.g. the second Tuesday)"

    repeats = models.CharField(max_length=10, choices=Repeats.choices, blank=True, default="")
    repeat_every = models.PositiveSmallIntegerField(
        "Every how many weeks",
        null=True,
        blank=True,
        default=1,
        help_text=f"1 for every week, 2 for every other week (up to {MAX_WEEKS_APART}). Weekly only.",
    )
    repeat_weekday = models.PositiveSmallIntegerField(
        "Day of the week", null=True, blank=True, choices=WEEKDAY_CHOICES
    )
    # No model choices: a fifth weekday gets a clear message from the schedule, not
    # Django's "not a valid choice".
    repeat_week_of_month = models.SmallIntegerField(
        "Which one in the month", null=True, blank=True, help_text="Monthly only."
    )
    repeat_starts_at = models.TimeField("Start time", null=True, blank=True)
    repeat_ends_at = models.TimeField("End time", null=True, blank=True)
    repeat_from = models.DateField(
        "First date", null=True, blank=True, help_text="The schedule starts on or after this date."
    )
    repeat_until = models.DateField(
        "Last date", null=True, blank=True, help_text="Leave empty if it carries on."
    )
    cancelled_dates = models.TextField(
        blank=True,
        help_text="Dates the group does not meet, one a line, like 24/12/2026.",
    )
    recurrence = models.TextField(blank=True, editable=False)

    schedule_panels = None  # set below, from schedule_panels()

    class Meta:
        abstract = True

    @property
    def schedule(self):
        """The ``Schedule`` these fields describe, or None when the event does not repeat."""
        if not self.repeats:
            return None
        return Schedule(
            frequency=self.repeats,
            interval=self.repeat_every or 1,
            weekday=self.repeat_weekday,
            week_of_month=self.repeat_week_of_month,
            starts_at=self.repeat_starts_at,
            ends_at=self.repeat_ends_at,
            first_date=self.repeat_from,
            until=self.repeat_until,
            cancelled=tuple(parse_dates(self.cancelled_dates)),
        )

    def set_schedule(self, schedule):
        """Fill the fields (and the rule) from a ``Schedule``, e.g. an imported one."""
        for attribute, name in SCHEDULE_FIELDS.items():
            value = getattr(schedule, attribute)
            if attribute == "cancelled":
                value = "\n".join(day.strftime("%d/%m/%Y") for day in value)
            elif attribute == "week_of_month" and schedule.frequency == WEEKLY:
                value = None
            setattr(self, name, value)
        self.recurrence = schedule.rule_text()

    def clean(self):
        super().clean()
        if not self.repeats:
            self.recurrence = ""
            return
        try:
            schedule = self.schedule
        except ValueError as error:
            raise ValidationError({"cancelled_dates": str(error)}) from None
        errors = schedule.errors()
        if errors:
            raise ValidationError(
                {SCHEDULE_FIELDS[attribute]: message for attribute, message in errors.items()}
            )
        self.set_schedule(schedule)


ScheduleMixin.schedule_panels = schedule_panels()
