import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("networks", "0003_submission")]

    operations = [
        migrations.AddField(
            model_name='eventpage',
            name='cancelled_dates',
            field=models.TextField(blank=True, help_text='Dates the group does not meet, one a line, like 24/12/2026.'),
        ),
        migrations.AddField(
            model_name='eventpage',
            name='import_uid',
            field=models.CharField(blank=True, db_index=True, editable=False, help_text='The UID of the calendar entry this event was imported from.', max_length=255),
        ),
        migrations.AddField(
            model_name='eventpage',
            name='recurrence',
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.AddField(
            model_name='eventpage',
            name='repeat_ends_at',
            field=models.TimeField(blank=True, null=True, verbose_name='End time'),
        ),
        migrations.AddField(
            model_name='eventpage',
            name='repeat_every',
            field=models.PositiveSmallIntegerField(blank=True, null=True, default=1, help_text='1 for every week, 2 for every other week (up to 8). Weekly only.', verbose_name='Every how many weeks'),
        ),
        migrations.AddField(
            model_name='eventpage',
            name='repeat_from',
            field=models.DateField(blank=True, help_text='The schedule starts on or after this date.', null=True, verbose_name='First date'),
        ),
        migrations.AddField(
            model_name='eventpage',
            name='repeat_starts_at',
            field=models.TimeField(blank=True, null=True, verbose_name='Start time'),
        ),
        migrations.AddField(
            model_name='eventpage',
            name='repeat_until',
            field=models.DateField(blank=True, help_text='Leave empty if it carries on.', null=True, verbose_name='Last date'),
        ),
        migrations.AddField(
            model_name='eventpage',
            name='repeat_week_of_month',
            field=models.SmallIntegerField(blank=True, help_text='Monthly only.', null=True, verbose_name='Which one in the month'),
        ),
        migrations.AddField(
            model_name='eventpage',
            name='repeat_weekday',
            field=models.PositiveSmallIntegerField(blank=True, choices=[(0, 'Monday'), (1, 'Tuesday'), (2, 'Wednesday'), (3, 'Thursday'), (4, 'Friday'), (5, 'Saturday'), (6, 'Sunday')], null=True, verbose_name='Day of the week'),
        ),
        migrations.AddField(
            model_name='eventpage',
            name='repeats',
            field=models.CharField(blank=True, choices=[('', 'Does not repeat (use the dates above)'), ('weekly', 'Every week, or every few weeks'), ('monthly', 'On one weekday of each month (e.g. the second Tuesday)')], default='', max_length=10),
        ),
        migrations.AddField(
            model_name='networkpage',
            name='calendar_feed_url',
            field=models.URLField(blank=True, help_text="The public iCalendar (.ics) address of this network's own events calendar. Its events are imported every day as drafts for a coordinator to check and publish.", max_length=500, verbose_name='Calendar to import'),
        ),
        migrations.CreateModel(
            name='ScheduledOccurrence',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('start', models.DateTimeField(db_index=True)),
                ('end', models.DateTimeField(blank=True, null=True)),
                ('page', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='scheduled_occurrences', to='networks.eventpage')),
            ],
            options={
                'ordering': ['start'],
            },
        ),
    ]
