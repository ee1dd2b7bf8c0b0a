"""Pelican signals: build the archive index into the context, write the period pages."""

from __future__ import annotations

from typing import Any

import pelican.plugins.signals as signals  # Pelican ships no types: Any

from . import settings as archive_settings
from .index import Day, Month, Year, build_index


def freeze_urls(generator: Any) -> None:
    """Compute each article's URL and file once (Pelican re-formats them on every access).

    Templates and plugins read ``article.url`` tens of times per page (listings, neighbours,
    source links); on a 2,000-article archive that formatting was about 15% of the build.
    ``save_as`` is read four times an article (Pelican's writer, the output paths' claims, the
    search index twice): about 2 s of every build at 10k articles.  ``override_url`` and
    ``override_save_as`` are Pelican's own hooks for fixed values; the values are the ones it
    computed.
    """
    for article in (*generator.articles, *generator.translations, *generator.hidden_articles):
        article.override_url = article.url
        article.override_save_as = article.save_as


def add_index(generator: Any) -> None:
    """Put the archive index, its settings and the home page's days into the shared context."""
    options = archive_settings.load(generator.settings)
    archive = build_index(generator.articles, options)
    generator.context["archive"] = archive
    generator.context["archive_settings"] = options
    generator.context["home_days"] = archive.latest_days(options.home_days)


def write_periods(generator: Any, writer: Any) -> None:
    """Write a page per day, month and year, each at its period's URL."""
    archive = generator.context["archive"]
    template = generator.get_template("period")
    periods: list[tuple[str, Day | Month | Year]] = [
        *(("day", d) for d in archive.days),
        *(("month", m) for m in archive.months),
        *(("year", y) for y in archive.years),
    ]
    for kind, period in periods:
        writer.write_file(
            period.url + "index.html",
            template,
            generator.context,
            relative_urls=generator.settings["RELATIVE_URLS"],
            template_name=f"{kind} archive",
            url=period.url,
            period=period,
            period_kind=kind,
        )


def register() -> None:
    """Connect the plugin to Pelican."""
    signals.article_generator_finalized.connect(freeze_urls)
    signals.article_generator_finalized.connect(add_index)
    signals.article_writer_finalized.connect(write_periods)
