import re

from tools.report import junit, model, render_html, render_markdown
from tools.report.tests import samples as s

RESULTS = junit.parse(
    s.doc(
        s.case(s.roundtrip("js@main", "py@main", "ztdf")),
        s.case(s.roundtrip("py@main", "js@main", "ztdf"), s.failure("expected <b>|x* got `y`")),
        s.case(s.roundtrip("py@main", "py@main", "ztdf"), s.xfail("known")),
        s.case("test_decrypt_golden[js@main-java-4.3.0]", s.failure("golden: bad key")),
        s.case("test_health", classname="test_platform"),
    ),
    "//xtest:tdfs_py_ztdf",
)
REPORT = model.build(RESULTS)


def test_markdown_matrix_table():
    md = render_markdown.render(REPORT)
    assert "**5 tests**: 2 passed, 2 failed, 0 skipped, 1 xfailed, from 1 result file" in md
    assert "| encrypt ↓ / decrypt → | `js@main` | `py@main` |" in md
    assert "| `js@main` | · | ✅ 1/0/0/0 |" in md
    assert "| `py@main` | [❌ 0/1/0/0](#fail-ztdf-py-main-js-main) | ⚠️ 0/0/0/1 |" in md


def test_markdown_failure_links_resolve_to_anchors():
    md = render_markdown.render(REPORT)
    links = set(re.findall(r"\]\(#([a-z0-9-]+)\)", md))
    anchors = set(re.findall(r'<a id="([a-z0-9-]+)"></a>', md))
    assert links == anchors == {"fail-ztdf-py-main-js-main", "fail-js-main"}


def test_markdown_lists_failures_with_escaped_message():
    md = render_markdown.render(REPORT)
    line = next(x for x in md.splitlines() if "py@main-js@main-ztdf" in x and x.startswith("- "))
    assert line == (
        "- `test_tdfs.py::test_tdf_roundtrip[py@main-js@main-ztdf-small]` in `//xtest:tdfs_py_ztdf` (failure): "
        r"expected \<b\>\|x\* got \`y\`"
    )


def test_markdown_non_pair_sections():
    md = render_markdown.render(REPORT)
    assert "### `js@main`\n\n| test | container |" in md
    assert "| `test_tdfs.py::test_decrypt_golden` [❌](#fail-js-main) | — | 0 | 1 | 0 | 0 |" in md
    assert "### no SDK" in md and "| `test_platform.py::test_health` | — | 1 | 0 | 0 | 0 |" in md


def test_markdown_code_span_survives_backticks_and_pipes():
    assert render_markdown.code("a`b|c") == r"``a`b\|c``"
    assert render_markdown.code("`x") == "`` `x ``"


def test_html_is_self_contained_and_escaped():
    page = render_html.render(REPORT)
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert not re.search(r"<(script|link|img)\b|\bsrc=|https?://|@import|url\(", page)
    assert "expected &lt;b&gt;|x* got `y`" in page and "<b>" not in page


def test_html_cells_coloured_and_linked():
    page = render_html.render(REPORT)
    link = '<a href="#fail-ztdf-py-main-js-main">0/1/0/0</a>'
    assert f'<td class="fail" title="0 pass, 1 fail, 0 skip, 0 xfail">{link}</td>' in page
    assert '<td class="xfail" title="0 pass, 0 fail, 0 skip, 1 xfail">0/0/0/1</td>' in page
    assert '<td class="empty">·</td>' in page
    ids = set(re.findall(r'id="([^"]+)"', page))
    hrefs = set(re.findall(r'href="#([^"]+)"', page))
    assert hrefs == ids == {"fail-ztdf-py-main-js-main", "fail-js-main"}


def test_empty_report_renders():
    empty = model.build([])
    assert "**0 tests**" in render_markdown.render(empty) and "## Failures" not in render_markdown.render(empty)
    assert "<h2>" not in render_html.render(empty)


def test_reason_sections_in_both_formats():
    md = render_markdown.render(REPORT)
    assert "## Known issues (xfail), by reason\n\n- 1 × known\n" in md and "Skips, by reason" not in md
    assert "<h2>Known issues (xfail), by reason</h2><ul><li>1 × known</li></ul>" in render_html.render(REPORT)
