"""Readable results of the xtest matrix: JUnit XML → encrypt × decrypt tables (Markdown, HTML).

``python -m tools.report --help``; parsing in ``junit``/``testid``, grouping in ``model``,
formatting in ``render_markdown``/``render_html``, file finding in ``discover``.
"""
