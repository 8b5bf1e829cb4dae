import datetime as dt

import pytest

from impact import charts


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0, 1), (-3, 1), (0.3, 0.5), (1, 1), (7, 10), (10, 10), (11, 20), (42, 50), (240, 250)],
)
def test_nice_ceiling(value, expected):
    assert charts.nice_ceiling(value) == expected


def test_bar_lengths_are_proportional_to_the_axis_and_a_missing_value_has_no_bar():
    chart = charts.bar_chart(
        [("A", 50, "50"), ("B", 25, "25"), ("C", None, "fewer than 5")],
        width=500,
        label_width=100,
        value_width=100,
        bar_height=20,
        gap=10,
        axis_height=20,
    )
    assert chart.axis_max == 50
    assert chart.plot_width == 300
    assert [bar.length for bar in chart.bars] == [300, 150, 0]
    assert [bar.y for bar in chart.bars] == [20, 50, 80]
    assert [bar.text_y for bar in chart.bars] == [34, 64, 94]
    assert [bar.value_x for bar in chart.bars] == [406, 256, 106]
    assert not chart.bars[2].has_value
    assert chart.height == 20 + 3 * 30
    assert chart.grid == [
        (100, "0"),
        (160, "10"),
        (220, "20"),
        (280, "30"),
        (340, "40"),
        (400, "50"),
    ]


@pytest.mark.parametrize(
    ("axis_max", "expected"),
    [
        (1, [0, 0.2, 0.4, 0.6, 0.8, 1]),
        (20, [0, 5, 10, 15, 20]),
        (25, [0, 5, 10, 15, 20, 25]),
        (500, [0, 100, 200, 300, 400, 500]),
    ],
)
def test_ticks_are_round_numbers(axis_max, expected):
    assert charts.ticks(axis_max) == pytest.approx(expected)


def test_line_points_and_milestones_share_the_time_axis():
    start, end = dt.date(2026, 1, 1), dt.date(2026, 1, 11)
    chart = charts.line_chart(
        [(dt.date(2026, 1, 1), 0), (dt.date(2026, 1, 6), 5), (dt.date(2026, 1, 11), 10)],
        [(dt.date(2026, 1, 6), "Go-live"), (dt.date(2025, 12, 1), "Before the period")],
        start=start,
        end=end,
        width=120,
        height=140,
        left=10,
        right=10,
        top=20,
        bottom=20,
    )
    assert [(p.x, p.y) for p in chart.points] == [(10, 120), (60, 70), (110, 20)]
    assert chart.polyline == "10,120 60,70 110,20"
    assert [(m.x, m.label, m.number) for m in chart.milestones] == [(60, "Go-live", 1)]
    assert chart.y_grid[0] == (120, "0") and chart.y_grid[-1] == (20, "10")


def test_a_line_chart_with_no_points_still_has_an_axis():
    chart = charts.line_chart([], [], start=dt.date(2026, 1, 1), end=dt.date(2026, 1, 1))
    assert chart.points == [] and chart.polyline == ""
    assert chart.y_grid[-1][1] == "1"
