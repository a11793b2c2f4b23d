"""GeoJSON for course maps, built only from privacy-reduced points."""

from django.utils import timezone


def session_date_label(moment):
    """How every page names a session's start: "Tuesday 3 March 2026, 10am"."""
    local = timezone.localtime(moment)
    time = local.strftime("%-I:%M%p").replace(":00", "").lower()
    return f"{local:%A} {local.day} {local:%B %Y}, {time}"


def sessions_feature_collection(courses_with_sessions):
    """A FeatureCollection: one Point per course and public point, soonest session first.

    ``courses_with_sessions`` is an iterable of ``(course_page, sessions)``. Each
    session's ``public_point`` is already the district centre unless its venue is
    public, so no address or exact point of a private venue can get out.
    """
    features = []
    for course, sessions in courses_with_sessions:
        seen = set()
        for session in sorted(sessions, key=lambda s: s.starts_at):
            point = session.public_point
            if point is None or point in seen:
                continue
            seen.add(point)
            latitude, longitude = point
            next_date = session_date_label(session.starts_at)
            features.append(
                {
                    "type": "Feature",
                    "geometry": {
                        "type": "Point",
                        "coordinates": [round(longitude, 5), round(latitude, 5)],
                    },
                    "properties": {
                        "title": course.title,
                        "url": course.url,
                        "place": session.place_label,
                        "next_date": next_date,
                        "recognition": course.recognition_label,
                        # The map component's generic popup lines (frontend/js/map.mjs).
                        "lines": [
                            course.recognition_label,
                            session.place_label,
                            f"Next: {next_date}",
                        ],
                    },
                }
            )
    return {"type": "FeatureCollection", "features": features}
