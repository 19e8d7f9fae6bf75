"""The report in a real browser: headless Chromium opens index.html from disk.

Needs a chromium binary (Debian's ``chromium``; never ``playwright install``).
Skipped with a reason when there is none, except in CI (``CI=true``), where it fails.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from fixtures_tables import make_tables
from framing.compare import compare
from framing.report.build import build_report

pytestmark = pytest.mark.browser
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync"]
SECTIONS = ("overview", "comparison", "tests", "actors", "terms", "hedging", "sentiment", "distinctive",
            "distinguishability", "reading", "methods", "glossary", "questions")
MARKS = ("mark.act-agent", "mark.act-patient", "mark.term.side-russia", "mark.term.side-west",
         "mark.term.side-china", "mark.cue-hedge", "mark.cue-booster", "mark.cue-attribution")


def chromium_path() -> str:
    path = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail("no chromium binary in CI; .ci/run must install Debian's chromium")
        pytest.skip("no chromium binary found (install Debian's chromium to run the browser test)")
    return path


@pytest.fixture(scope="module")
def browser():
    """One Playwright session and Chromium for the module (the sync API allows one at a time)."""
    sync_api = pytest.importorskip("playwright.sync_api")
    exe = chromium_path()
    with sync_api.sync_playwright() as pw:
        chrome = pw.chromium.launch(executable_path=exe, args=ARGS)
        yield chrome
        chrome.close()


@pytest.fixture(scope="module")
def page(browser, tmp_path_factory):
    tables = make_tables(3, 3, paragraphs_per_doc=4)
    out = tmp_path_factory.mktemp("browser") / "report"
    build_report(tables, compare(tables, n_boot=100, n_perm=100, cv_permutations=0), out_dir=out,
                 corpus_name="synthetic", timestamp="2025-01-01")
    errors: list[str] = []
    pg = browser.new_page(viewport={"width": 1280, "height": 900})
    pg.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.goto((out / "index.html").as_uri())
    pg.wait_for_load_state("load")
    yield pg, errors
    pg.close()


def test_no_console_or_page_errors(page):
    assert page[1] == []


@pytest.mark.parametrize("section", SECTIONS)
def test_section_present(page, section):
    assert page[0].locator(f"section#{section}").count() == 1


@pytest.mark.parametrize("selector", MARKS)
def test_highlight_kind_present_with_tooltip(page, selector):
    marks = page[0].locator(f"#reading {selector}")
    assert marks.count() >= 1
    assert (marks.first.get_attribute("title") or "").strip() != ""


def test_figures_and_images_load(page):
    broken = page[0].evaluate("Array.from(document.images).filter(i => !i.complete || i.naturalWidth === 0).length")
    assert broken == 0


def test_pagination_and_filter_work(page):
    pg = page[0]
    assert "page 1 of 1" in pg.locator("#page-info").inner_text()
    pg.select_option("#doc-filter", "beta-wire")
    visible = pg.locator("details.doc:not([hidden])")
    assert visible.count() == 3
    assert {visible.nth(i).get_attribute("data-group") for i in range(3)} == {"beta-wire"}
    pg.select_option("#doc-filter", "")


def test_screenshot(page, tmp_path):
    target = Path(os.environ.get("FRAMING_SCREENSHOT_DIR") or Path(__file__).parents[1] / "reports" / "screenshots")
    target.mkdir(parents=True, exist_ok=True)
    shot = target / "report-synthetic.png"
    page[0].screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000


# --- issue 11: findings, focus, evidence links, role palette -----------------------------------

@pytest.fixture(scope="module")
def found_page(browser, tmp_path_factory):
    """A report with findings (three sources of six articles each), opened in Chromium."""
    tables = make_tables(3, 6, paragraphs_per_doc=4)
    out = tmp_path_factory.mktemp("browser-findings") / "report"
    build_report(tables, compare(tables, n_boot=100, n_perm=200, cv_permutations=0), out_dir=out,
                 corpus_name="synthetic", timestamp="2025-01-01", max_docs=2)  # evidence docs must be added
    errors: list[str] = []
    pg = browser.new_page(viewport={"width": 1280, "height": 900})
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.goto((out / "index.html").as_uri())
    pg.wait_for_load_state("load")
    yield pg, errors
    pg.close()


def _hue(rgb: str) -> tuple[float, float]:
    """(hue in degrees, saturation) of a CSS 'rgb(r, g, b)' colour."""
    import colorsys
    r, g, b = (int(x) / 255 for x in rgb[rgb.index("(") + 1:rgb.index(")")].split(",")[:3])
    h, _, s = colorsys.rgb_to_hls(r, g, b)
    return h * 360, s


@pytest.mark.parametrize("section", ["findings", "focus"])
def test_findings_and_focus_sections_are_shown_first(found_page, section):
    pg, _ = found_page
    assert pg.locator(f"section#{section}").is_visible()
    order = pg.evaluate("Array.from(document.querySelectorAll('main > section')).map(s => s.id)")
    assert order[:3] == ["findings", "focus", "overview"]


def test_every_finding_evidence_link_lands_on_a_highlighted_visible_paragraph(found_page):
    pg, errors = found_page
    links = pg.locator("#findings a.evidence-link")
    count = links.count()
    assert count >= 2
    for i in range(count):
        anchor = links.nth(i).get_attribute("data-anchor")
        links.nth(i).click()
        pg.wait_for_function("a => document.getElementById(a).classList.contains('evidence-target')", arg=anchor)
        target = pg.locator(f"[id='{anchor}']")
        assert target.is_visible(), anchor
        assert pg.locator(".para.evidence-target").count() == 1
    assert errors == []


def test_focus_lists_percentiles_and_draws_strips(found_page):
    pg, _ = found_page
    assert pg.locator("#focus table").count() == 1
    assert pg.locator("#focus .strip-fig svg").count() >= 5


def test_role_palette_has_no_red_green_pair(found_page):
    pg, _ = found_page
    colours = pg.evaluate("""() => ['--agent', '--patient'].map(v => {
        const el = document.createElement('span'); el.style.color = `var(${v})`; document.body.appendChild(el);
        const c = getComputedStyle(el).color; el.remove(); return c; })""")
    hues = [_hue(c) for c in colours]
    red = [h < 25 or h > 335 for h, s in hues]
    green = [75 < h < 165 for h, s in hues]
    assert not (any(red) and any(green)), colours
    assert abs(hues[0][0] - hues[1][0]) > 60  # clearly different hues


# --- issue 11 item 3: table cells and KWIC lines link to evidence; measure and actor filters ----------

@pytest.mark.parametrize("selector", ["#comparison a.cell-link", "#terms a.kwic-link"])
def test_table_cell_and_kwic_links_land_on_a_highlighted_paragraph(found_page, selector):
    pg, errors = found_page
    links = pg.locator(selector)
    assert links.count() >= 1
    for i in sorted({0, links.count() // 2, links.count() - 1}):  # first, middle, last: keeps it fast
        anchor = links.nth(i).get_attribute("href")[1:]
        links.nth(i).click()
        pg.wait_for_function("a => document.getElementById(a).classList.contains('evidence-target')", arg=anchor)
        assert pg.locator(f"[id='{anchor}']").is_visible(), anchor
        assert pg.locator(".para.evidence-target").count() == 1
    assert errors == []


@pytest.mark.parametrize("control, attribute", [("#measure-filter", "data-measures"),
                                                ("#actor-filter", "data-actors")])
def test_measure_and_actor_filters_keep_only_matching_documents(found_page, control, attribute):
    pg, _ = found_page
    value = pg.locator(f"{control} option").nth(1).get_attribute("value")
    pg.select_option(control, value)
    shown = pg.locator("details.doc:not([hidden])")
    assert shown.count() >= 1
    for i in range(shown.count()):  # every shown document has a matching paragraph, marked as a hit
        hits = shown.nth(i).locator(".para.filter-hit")
        assert hits.count() >= 1
        assert value in hits.first.get_attribute(attribute).split("|")
    for p in pg.locator("#reading .para.filter-miss").all()[:5]:
        assert value not in (p.get_attribute(attribute) or "").split("|")
    pg.select_option(control, "")
    assert pg.locator("#reading .para.filter-hit").count() == 0


def test_actor_table_link_filters_the_reading_view(found_page):
    pg, errors = found_page
    link = pg.locator("#actors a.cell-link").first
    href = link.get_attribute("href")
    assert href.startswith("#reading?source=") and "&actor=" in href
    link.click()
    pg.wait_for_function("() => document.querySelectorAll('#reading .para.filter-hit').length > 0")
    from urllib.parse import parse_qs
    query = parse_qs(href.split("?", 1)[1])
    assert pg.locator("#doc-filter").input_value() == query["source"][0]
    assert pg.locator("#actor-filter").input_value() == query["actor"][0]
    groups = pg.evaluate("Array.from(document.querySelectorAll('details.doc:not([hidden])')).map(d => d.dataset.group)")
    assert groups and set(groups) == {query["source"][0]}
    pg.select_option("#actor-filter", "")
    pg.select_option("#doc-filter", "")
    assert errors == []
