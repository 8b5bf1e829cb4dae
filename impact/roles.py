"""The role impact adds (created by impact/migrations/0002_scorecard_viewer.py)."""

SCORECARD_VIEWER = "Scorecard viewer"
