from .pages import CourseIndexPage, CoursePage
from .sessions import CourseSession
from .snippets import AwardingBody

__all__ = ["AwardingBody", "CourseIndexPage", "CoursePage", "CourseSession"]
