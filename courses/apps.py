from django.apps import AppConfig


class CoursesConfig(AppConfig):
    """Training courses, their sessions and awarding bodies."""

    name = "courses"
    label = "courses"
    verbose_name = "Courses"
