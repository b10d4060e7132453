"""Small charts as SVG text, drawn by matplotlib (Agg), for the web pages and the digest.

Every chart carries a title, axis labels, ``role="img"`` and an ``aria-label``, and is
written so that it can be put inline in a page served with the CSP ``default-src
'self'``: matplotlib's ``style="..."`` attributes and its ``<style>`` element are
turned into SVG presentation attributes (which a CSP does not block), text stays
text (``svg.fonttype: none``), and its metadata (with its outside URLs) is dropped.
Each chart gets ids of its own, so that several can share one page.

A chart of nothing is the empty string: templates say "no data" instead.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

__all__ = ["bar_chart", "lines_chart", "share_chart", "timeline_chart"]

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
ET.register_namespace("", SVG_NS)
ET.register_namespace("xlink", XLINK_NS)

#: One colour family for every chart (readable on white, distinct in grey scale order).
PALETTE = ("#1d5fa6", "#e07b00", "#2a9d5c", "#c0392b", "#7d4fa0", "#8c6d31", "#d45d9e",
           "#5f6b73")
WIDTH_IN = 6.4
DPI = 72

_counter = itertools.count(1)
_FONT = re.compile(r"(?:(italic|oblique)\s+)?(?:(bold|normal|\d{3})\s+)?([\d.]+)px\s+(.+)")


def _rc() -> Any:
    """matplotlib settings of our charts (typed Any: rc_context wants literal keys)."""
    return {
        "svg.fonttype": "none",
        "svg.hashsalt": f"qaznews-chart-{next(_counter)}",
        "font.size": 10,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.titlesize": 11,
        "axes.titleweight": "bold",
    }


def _style_to_attributes(svg_text: str, label: str) -> str:
    root = ET.fromstring(svg_text)
    for element in root.iter():
        style = element.attrib.pop("style", None)
        if not style:
            continue
        for declaration in style.split(";"):
            if ":" not in declaration:
                continue
            name, value = (part.strip() for part in declaration.split(":", 1))
            if name == "font":
                match = _FONT.fullmatch(value)
                if match:
                    italic, weight, size, family = match.groups()
                    element.set("font-size", f"{size}px")
                    element.set("font-family", family.replace("'", ""))
                    if weight:
                        element.set("font-weight", weight)
                    if italic:
                        element.set("font-style", italic)
            elif name:
                element.set(name, value)
    for parent in root.iter():
        for child in list(parent):
            if child.tag in (f"{{{SVG_NS}}}metadata", f"{{{SVG_NS}}}style"):
                parent.remove(child)
    # What matplotlib's <style> said for every element.
    root.set("stroke-linejoin", "round")
    root.set("stroke-linecap", "butt")
    root.set("role", "img")
    root.set("aria-label", label)
    root.set("class", "chart")
    # Scales with its container (the page's CSS gives it width: 100%).
    root.attrib.pop("width", None)
    root.attrib.pop("height", None)
    title = ET.Element(f"{{{SVG_NS}}}title")
    title.text = label
    root.insert(0, title)
    return ET.tostring(root, encoding="unicode")


def _finish(fig: Figure, label: str) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(fig)
    text = buffer.getvalue()
    text = text[text.index("<svg"):]
    return _style_to_attributes(text, label)


def _figure(height: float) -> tuple[Figure, Axes]:
    fig, ax = plt.subplots(figsize=(WIDTH_IN, height), dpi=DPI)
    return fig, ax


#: The axis of a timeline is padded by a few days each side, which must stay in years
#: 1 to 9999 (a digest of any period can be asked for).
_FIRST_DRAWN_DAY = dt.date(1, 2, 1)
_LAST_DRAWN_DAY = dt.date(9999, 11, 30)


def timeline_chart(days: Sequence[dt.date], values: Sequence[int], *, title: str,
                   ylabel: str, xlabel: str = "Date") -> str:
    """Bars per day (for stories per day, mentions per day); none when every day is
    empty, or the days reach past what matplotlib can draw (years 1 to 9999, padded)."""
    if not any(values) or days[0] < _FIRST_DRAWN_DAY or days[-1] > _LAST_DRAWN_DAY:
        return ""
    with matplotlib.rc_context(_rc()):
        fig, ax = _figure(2.6)
        numbers = _numbers(days)
        ax.bar(numbers, list(values), color=PALETTE[0], width=0.8)
        ax.set_title(title)
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        _date_axis(ax, numbers)
        ax.grid(axis="y", color="#dddddd", linewidth=0.6)
        ax.set_axisbelow(True)
        return _finish(fig, f"{title} ({len(days)} days, {sum(values)} in all)")


def share_chart(items: Sequence[tuple[str, int]], *, title: str, xlabel: str = "Share (%)",
                ylabel: str = "", limit: int = 10) -> str:
    """Horizontal bars of each label's share of the total, the largest on top.

    Beyond ``limit`` labels the rest are summed as "Other".
    """
    items = [(label, count) for label, count in items if count > 0]
    if not items:
        return ""
    items = sorted(items, key=lambda pair: (-pair[1], pair[0]))
    if len(items) > limit:
        items = [*items[:limit - 1], ("Other", sum(count for _, count in items[limit - 1:]))]
    total = sum(count for _, count in items)
    labels = [_short(label) for label, _ in items][::-1]
    shares = [100.0 * count / total for _, count in items][::-1]
    with matplotlib.rc_context(_rc()):
        fig, ax = _figure(0.9 + 0.28 * len(items))
        bars = ax.barh(labels, shares, color=PALETTE[0])
        ax.bar_label(bars, labels=[f"{share:.0f}%" for share in shares], padding=3,
                     fontsize=9)
        ax.set_title(title)
        ax.set_xlabel(xlabel)
        if ylabel:
            ax.set_ylabel(ylabel)
        ax.set_xlim(0, max(shares) * 1.18)
        summary = ", ".join(f"{label} {share:.0f}%"
                            for label, share in zip(labels[::-1], shares[::-1], strict=True))
        return _finish(fig, f"{title}: {summary}")


def bar_chart(labels: Sequence[str], values: Sequence[int], *, title: str, xlabel: str,
              ylabel: str) -> str:
    """Vertical bars, one per label, in the order given."""
    if not labels:
        return ""
    with matplotlib.rc_context(_rc()):
        fig, ax = _figure(2.8)
        ax.bar([_short(label, 14) for label in labels], list(values), color=PALETTE[0])
        ax.set_title(title)
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.tick_params(axis="x", labelrotation=30)
        return _finish(fig, title)


def lines_chart(periods: Sequence[dt.date], series: Sequence[tuple[str, Sequence[int]]], *,
                title: str, xlabel: str, ylabel: str) -> str:
    """One line per series over the periods (for interactions by country over time)."""
    if not periods or not series:
        return ""
    with matplotlib.rc_context(_rc()):
        fig, ax = _figure(3.0)
        numbers = _numbers(periods)
        for index, (name, values) in enumerate(series):
            ax.plot(numbers, list(values), marker="o", markersize=4,
                    color=PALETTE[index % len(PALETTE)], label=_short(name, 24))
        ax.set_title(title)
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        _date_axis(ax, numbers)
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=9)
        ax.grid(axis="y", color="#dddddd", linewidth=0.6)
        return _finish(fig, f"{title}: {', '.join(name for name, _ in series)}")


def _numbers(days: Sequence[dt.date]) -> list[float]:
    """Dates as matplotlib's day numbers (so that the date axis formats them)."""
    return [float(n) for n in mdates.date2num(list(days))]  # type: ignore[no-untyped-call]


def _date_axis(ax: Axes, numbers: Sequence[float]) -> None:
    """Dates on the x axis; a span of a few days at least (one day alone has no ticks)."""
    low, high = min(numbers), max(numbers)
    if high - low < 4:
        middle = (low + high) / 2
        ax.set_xlim(middle - 3, middle + 3)
    locator = mdates.AutoDateLocator(maxticks=8)  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(
        mdates.ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]


def _short(text: str, size: int = 28) -> str:
    return text if len(text) <= size else text[:size - 1] + "…"
