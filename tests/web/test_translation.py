"""The Dutch and French translations: complete, compiled, and shown to the users who prefer them.

French is the Council's other working language; every catalogue is checked the same way.
"""

from __future__ import annotations

import ast
import datetime
import gettext
import re
import shutil
from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import formats, translation

from tests.factories import UserFactory

# Every language of settings.LANGUAGES but the English source has a complete catalogue.
TRANSLATED = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
SOURCES = ["actors", "cycles", "empact", "funding", "oaps", "priorities", "templates"]
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w+\}")


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: list[str] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)


def read_po(text: str) -> list[Entry]:
    """The entries of a .po file; obsolete ones (``#~``) are left out."""
    entries = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [line for line in block.splitlines() if not line.startswith("#~")]
        if not any(line.startswith("msgid") for line in lines):
            continue
        entry, target = Entry(), None
        for line in lines:
            if line.startswith("#,"):
                entry.flags |= {flag.strip() for flag in line[2:].split(",")}
            elif line.startswith("#"):
                continue
            elif line.startswith('"'):
                target.append(ast.literal_eval(line))
            else:
                keyword, _, value = line.partition(" ")
                target = [ast.literal_eval(value)]
                if keyword.startswith("msgstr"):
                    entry.msgstr.append(target)
                else:
                    setattr(entry, keyword, target)
        for name in ("msgid", "msgid_plural", "msgctxt"):
            value = getattr(entry, name)
            if isinstance(value, list):
                setattr(entry, name, "".join(value))
        entry.msgstr = ["".join(parts) for parts in entry.msgstr]
        entries.append(entry)
    return entries


def catalogue(language: str):
    return settings.BASE_DIR / "locale" / language / "LC_MESSAGES"


@pytest.fixture(scope="module", params=TRANSLATED)
def language(request) -> str:
    return request.param


@pytest.fixture(scope="module")
def entries(language) -> list[Entry]:
    return read_po((catalogue(language) / "django.po").read_text(encoding="utf-8"))


def test_the_translated_languages_are_dutch_and_french():
    assert TRANSLATED == ["fr", "nl"]


def test_the_catalogue_covers_the_whole_project(language, entries, tmp_path, monkeypatch):
    """Extract the messages again (``makemessages``, into a copy of the catalogue): a string
    marked for translation in the code or a template and missing from django.po fails here."""
    assert any(entry.msgid == "My work" for entry in entries)
    for source in SOURCES:  # makemessages writes to ./locale: work in a tree of links
        (tmp_path / source).symlink_to(settings.BASE_DIR / source)
    copy = tmp_path / "locale" / language / "LC_MESSAGES"
    copy.mkdir(parents=True)
    shutil.copy(catalogue(language) / "django.po", copy / "django.po")
    monkeypatch.chdir(tmp_path)

    call_command("makemessages", locale=[language], symlinks=True, verbosity=0)

    extracted = read_po((copy / "django.po").read_text(encoding="utf-8"))
    missing = [e.msgid for e in extracted if e.msgid and not all(e.msgstr)]
    assert missing == [], f"add these to locale/{language}/LC_MESSAGES/django.po, translated"
    fuzzy = [e.msgid for e in extracted if "fuzzy" in e.flags]
    assert fuzzy == [], "these messages changed in the code: review their translation"


def test_every_message_has_a_translation(entries):
    untranslated = [e.msgid for e in entries if e.msgid and not all(e.msgstr)]
    assert untranslated == []


def test_no_translation_is_fuzzy(entries):
    assert [e.msgid for e in entries if "fuzzy" in e.flags] == []


def test_translations_keep_their_placeholders(entries):
    broken = []
    for entry in entries:
        if not entry.msgid:
            continue
        expected = set(PLACEHOLDER.findall(entry.msgid + (entry.msgid_plural or "")))
        for translated in entry.msgstr:
            if set(PLACEHOLDER.findall(translated)) != expected:
                broken.append(entry.msgid)
    assert broken == []


def test_the_compiled_catalogue_is_up_to_date(language, entries):
    with (catalogue(language) / "django.mo").open("rb") as compiled:
        catalog = gettext.GNUTranslations(compiled)._catalog
    stale = []
    for entry in entries:
        if not entry.msgid:
            continue
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        if entry.msgid_plural:
            found = [catalog.get((key, index)) for index in range(len(entry.msgstr))]
        else:
            found = [catalog.get(key)]
        if found != entry.msgstr:
            stale.append(entry.msgid)
    assert stale == [], "run `manage.py compilemessages` after changing django.po"


def test_french_uses_the_french_plural_rule():
    """In French one and zero take the singular (plural=(n > 1)), unlike Dutch and English."""
    with (catalogue("fr") / "django.mo").open("rb") as compiled:
        french = gettext.GNUTranslations(compiled)
    forms = [french.ngettext("%(counter)s person", "%(counter)s people", n) for n in (0, 1, 2)]
    assert forms == ["%(counter)s personne", "%(counter)s personne", "%(counter)s personnes"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "my_work", "search"),
    [("nl", "Mijn werk", "Zoeken"), ("fr", "Mon travail", "Rechercher")],
)
def test_a_user_who_prefers_a_translated_language_sees_the_pages_in_it(
    client, language, my_work, search
):
    client.force_login(UserFactory(language=language))

    html = client.get(reverse("home")).content.decode()

    assert f'<html lang="{language}"' in html
    assert my_work in html
    assert search in html


@pytest.mark.django_db
def test_the_language_switch_offers_english_french_and_dutch_each_in_its_own_words(client):
    client.force_login(UserFactory(language="en"))

    html = client.get(reverse("home")).content.decode()

    options = re.findall(r'<option value="(\w+)" lang="\w+"[^>]*>([^<]+)</option>', html)
    assert ("fr", "Français") in options
    assert [code for code, _label in options][:3] == ["en", "fr", "nl"]


@pytest.mark.django_db
def test_a_user_who_prefers_english_sees_the_pages_in_english(client):
    client.force_login(UserFactory(language="en"))
    html = client.get(reverse("home")).content.decode()
    assert '<html lang="en"' in html
    assert "My work" in html


@pytest.mark.parametrize(
    ("language", "short", "long", "number"),
    [
        ("en", "31/07/2026", "31 July 2026", "12,345.50"),  # EU English, not 07/31/2026
        ("nl", "31-7-2026", "31 juli 2026", "12.345,50"),
        ("fr", "31/07/2026", "31 juillet 2026", "12\xa0345,50"),
    ],
)
def test_dates_and_numbers_follow_the_users_language(language, short, long, number):
    day = datetime.date(2026, 7, 31)
    with translation.override(language):
        assert formats.date_format(day, "SHORT_DATE_FORMAT") == short
        assert formats.date_format(day) == long
        assert formats.number_format(Decimal("12345.5"), 2, force_grouping=True) == number
