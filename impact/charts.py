"""Chart geometry for server-rendered SVG: numbers in, coordinates out.

Templates under templates/impact/admin/includes/ draw what these functions compute; every chart
is followed on the page by a table of the same figures (its text alternative), so the SVG
carries only a short label.
"""

import datetime as dt
import math
from dataclasses import dataclass


def nice_ceiling(value: float) -> float:
    """The smallest of 1, 2, 2.5, 5 or 10 times a power of ten at or above `value` (an axis
    end that reads well): 7 → 10, 42 → 50, 0.3 → 0.5. 0 or less → 1."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if step * power >= value - 1e-9:
            return step * power
    return 10 * power


def ticks(axis_max: float) -> list[float]:
    """Evenly spaced round values from 0 to `axis_max` (a nice ceiling): five steps, or four
    when the ceiling is 2 × 10ⁿ (0, 5, 10, 15, 20), so every label is a round number."""
    mantissa = axis_max / 10 ** math.floor(math.log10(axis_max))
    count = 4 if math.isclose(mantissa, 2) else 5
    return [axis_max * i / count for i in range(count + 1)]


def tick_label(value: float) -> str:
    return f"{value:g}" if value == int(value) else f"{value:.1f}"


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None
    display: str
    y: float
    length: float
    text_y: float
    value_x: float

    @property
    def has_value(self) -> bool:
        return self.value is not None


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    plot_x: int
    label_x: int
    plot_width: int
    bar_height: int
    axis_max: float
    bars: list[Bar]
    grid: list[tuple[float, str]]


def bar_chart(
    rows: list[tuple[str, float | None, str]],
    *,
    width: int = 720,
    label_width: int = 260,
    value_width: int = 110,
    bar_height: int = 22,
    gap: int = 10,
    axis_height: int = 24,
) -> BarChart:
    """Horizontal bars, one per row of (label, value, what to write); a row without a value
    (suppressed, or no data) gets no bar, only its text."""
    values = [value for _label, value, _display in rows if value is not None]
    axis_max = nice_ceiling(max(values, default=0))
    plot_width = width - label_width - value_width
    bars = []
    for index, (label, value, display) in enumerate(rows):
        y = axis_height + index * (bar_height + gap)
        length = 0 if value is None else round(plot_width * value / axis_max, 2)
        bars.append(
            Bar(
                label=label,
                value=value,
                display=display,
                y=y,
                length=length,
                text_y=round(y + bar_height * 0.7, 2),
                value_x=round(label_width + length + 6, 2),
            )
        )
    grid = [
        (round(label_width + plot_width * t / axis_max, 2), tick_label(t)) for t in ticks(axis_max)
    ]
    return BarChart(
        width=width,
        height=axis_height + len(rows) * (bar_height + gap),
        plot_x=label_width,
        label_x=label_width - 8,
        plot_width=plot_width,
        bar_height=bar_height,
        axis_max=axis_max,
        bars=bars,
        grid=grid,
    )


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    date: dt.date
    value: float


@dataclass(frozen=True)
class Marker:
    x: float
    date: dt.date
    label: str
    number: int


@dataclass(frozen=True)
class LineChart:
    width: int
    height: int
    left: int
    top: int
    bottom: float
    right: float
    points: list[Point]
    polyline: str
    y_grid: list[tuple[float, str]]
    x_labels: list[tuple[float, str]]
    milestones: list[Marker]


def line_chart(
    points: list[tuple[dt.date, float]],
    milestones: list[tuple[dt.date, str]],
    *,
    start: dt.date,
    end: dt.date,
    width: int = 720,
    height: int = 220,
    left: int = 56,
    right: int = 16,
    top: int = 16,
    bottom: int = 40,
) -> LineChart:
    """Monthly values over the period from `start` to `end`, y from 0 to a nice ceiling, and
    the milestones inside the period as numbered vertical markers on the same time axis."""
    span = max((end - start).days, 1)
    plot_width = width - left - right
    plot_bottom = height - bottom
    plot_height = plot_bottom - top
    axis_max = nice_ceiling(max((value for _date, value in points), default=0))

    def x_of(date: dt.date) -> float:
        return round(left + plot_width * (date - start).days / span, 2)

    def y_of(value: float) -> float:
        return round(plot_bottom - plot_height * value / axis_max, 2)

    placed = [Point(x_of(date), y_of(value), date, value) for date, value in points]
    months = sorted({date.replace(day=1) for date, _value in points})
    step = max(1, math.ceil(len(months) / 6))
    return LineChart(
        width=width,
        height=height,
        left=left,
        top=top,
        bottom=plot_bottom,
        right=width - right,
        points=placed,
        polyline=" ".join(f"{p.x:g},{p.y:g}" for p in placed),
        y_grid=[(y_of(t), tick_label(t)) for t in ticks(axis_max)],
        x_labels=[(x_of(month), month.strftime("%b %Y")) for month in months[::step]],
        milestones=[
            Marker(x_of(date), date, label, number)
            for number, (date, label) in enumerate(
                sorted(m for m in milestones if start <= m[0] <= end), start=1
            )
        ],
    )
