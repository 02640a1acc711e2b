"""iCalendar feeds: the whole calendar, one feed per facet value, consultation closing dates,
EIA reviews and action deadlines, a file per event, and the subscribe page that lists them.

`families` holds the entry points registered in `engage.pages`; `publish` builds the files,
serialising each item once and reusing its bytes in every feed that holds it.
"""
