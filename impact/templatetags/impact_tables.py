"""The scorecard's tables and charts, built in one pass each: the per-session table alone has
hundreds of rows, and a template loop per cell and per bar made rendering the slowest part of
the page. Every text is escaped by format_html."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

register = template.Library()

NO_VALUE = "–"


def _cell(value) -> str:
    return NO_VALUE if value is None else str(value)


@register.simple_tag
def table_body_rows(rows: list[list]) -> SafeString:
    """<tr><th scope="row">label</th><td>…</td>…</tr> for each row."""
    return format_html_join(
        "\n",
        "<tr>{}</tr>",
        (
            (
                format_html(
                    '<th scope="row">{}</th>{}',
                    _cell(row[0]),
                    format_html_join("", "<td>{}</td>", ((_cell(cell),) for cell in row[1:])),
                ),
            )
            for row in rows
        ),
    )


def _number(value: float) -> str:
    return f"{value:g}"


@register.simple_tag
def bar_chart_svg(table, chart) -> SafeString:
    """The bar chart of `table` as inline SVG: a labelled image whose text alternative is the
    table printed after it. Blue bars (5.2:1 against white) with the figure written beside
    each, so colour is never the only cue; a suppressed or missing figure has words, no bar."""
    grid = format_html_join(
        "",
        '<line x1="{0}" y1="18" x2="{0}" y2="{1}" stroke="#b1b4b6" stroke-width="1"/>'
        '<text x="{0}" y="13" text-anchor="middle" fill="#0b0c0c">{2}</text>',
        ((_number(x), chart.height, label) for x, label in chart.grid),
    )
    bars = format_html_join(
        "",
        '<text x="{0}" y="{1}" text-anchor="end" fill="#0b0c0c">{2}</text>{3}'
        '<text x="{4}" y="{1}" fill="{5}"{6}>{7}</text>',
        (
            (
                chart.label_x,
                _number(bar.text_y),
                bar.label if len(bar.label) <= 32 else bar.label[:31] + "…",
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="#1d70b8"/>',
                    chart.plot_x,
                    _number(bar.y),
                    _number(bar.length),
                    chart.bar_height,
                )
                if bar.has_value
                else "",
                _number(bar.value_x),
                "#0b0c0c" if bar.has_value else "#505a5f",
                "" if bar.has_value else SafeString(' font-style="italic"'),
                bar.display,
            )
            for bar in chart.bars
        ),
    )
    return format_html(
        '<svg class="impact-chart" role="img" aria-labelledby="chart-{0}" viewBox="0 0 {1} {2}"'
        ' width="100%" style="max-width: {1}px; height: auto;" xmlns="http://www.w3.org/2000/svg"'
        ' font-family="inherit" font-size="13"><title id="chart-{0}">{3}</title>{4}{5}</svg>',
        table.key,
        chart.width,
        chart.height,
        _("%(title)s: bar chart. The same figures are in the table that follows.")
        % {"title": table.title},
        grid,
        bars,
    )


@register.simple_tag
def line_chart_svg(series, chart) -> SafeString:
    """A monthly series as inline SVG: a blue line with a marker at each month, and each
    milestone a red dashed line labelled M1, M2… (listed in words under the chart)."""
    y_grid = format_html_join(
        "",
        '<line x1="{0}" y1="{1}" x2="{2}" y2="{1}" stroke="#b1b4b6" stroke-width="1"/>'
        '<text x="{3}" y="{1}" text-anchor="end" dominant-baseline="middle" fill="#0b0c0c">{4}'
        "</text>",
        (
            (chart.left, _number(y), _number(chart.right), chart.left - 6, label)
            for y, label in chart.y_grid
        ),
    )
    x_labels = format_html_join(
        "",
        '<text x="{}" y="{}" text-anchor="middle" fill="#0b0c0c">{}</text>',
        ((_number(x), chart.height - 20, label) for x, label in chart.x_labels),
    )
    milestones = format_html_join(
        "",
        '<line x1="{0}" y1="{1}" x2="{0}" y2="{2}" stroke="#d4351c" stroke-width="2"'
        ' stroke-dasharray="6 4"/><text x="{0}" y="{3}" text-anchor="middle" fill="#d4351c"'
        ' font-weight="bold">M{4}</text>',
        (
            (_number(m.x), chart.top, _number(chart.bottom), chart.height - 4, m.number)
            for m in chart.milestones
        ),
    )
    points = format_html_join(
        "",
        '<circle cx="{}" cy="{}" r="4" fill="#1d70b8"/>',
        ((_number(p.x), _number(p.y)) for p in chart.points),
    )
    return format_html(
        '<svg class="impact-chart" role="img" aria-labelledby="chart-{0}" viewBox="0 0 {1} {2}"'
        ' width="100%" style="max-width: {1}px; height: auto;" xmlns="http://www.w3.org/2000/svg"'
        ' font-family="inherit" font-size="12"><title id="chart-{0}">{3}</title>{4}{5}{6}'
        '<polyline points="{7}" fill="none" stroke="#1d70b8" stroke-width="3"/>{8}</svg>',
        series.field,
        chart.width,
        chart.height,
        _(
            "%(title)s: line chart by month, with numbered roll-out milestones. The same "
            "figures are in the table that follows."
        )
        % {"title": series.label},
        y_grid,
        x_labels,
        milestones,
        chart.polyline,
        points,
    )
