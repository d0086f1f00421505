"""The apps that hold the domain's models, lowest first: the one list the meta-tests walk."""

BUSINESS_APPS = (
    "actors",
    "cycles",
    "priorities",
    "oaps",
    "discussion",
    "reviews",
    "funding",
    "assessments",
    "revisions",
)
