from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("networks", "0004_event_schedules")]

    operations = [
        migrations.AddField(
            model_name="mentoringpage",
            name="contact_email",
            field=models.EmailField(
                blank=True,
                help_text="Where we send links to confirm or update this listing, and relayed messages. Never shown on the site or in any feed.",
                max_length=254,
                verbose_name="Private contact email",
            ),
        ),
        migrations.AddField(
            model_name="projectpage",
            name="contact_email",
            field=models.EmailField(
                blank=True,
                help_text="Where we send links to confirm or update this listing, and relayed messages. Never shown on the site or in any feed.",
                max_length=254,
                verbose_name="Private contact email",
            ),
        ),
        migrations.AddField(
            model_name="projectpage",
            name="freshness_requested_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
    ]
