from wagtail.snippets.models import register_snippet

from cms.viewsets import SharedRecordsViewSetGroup

register_snippet(SharedRecordsViewSetGroup)
